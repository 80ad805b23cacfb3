package io.canopy.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.canopy.sla.Microservice;
import io.canopy.sla.PortMapping;
import io.canopy.wire.InstanceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an instance's SLA into a Docker create request. */
final class ContainerRequests {
  private static final long MB = 1024L * 1024L;

  private ContainerRequests() {}

  static CreateContainerCmd create(
      DockerClient docker,
      InstanceSpec spec,
      String nodeId,
      String image,
      DockerRuntime.Networking networking) {
    Microservice service = spec.service();
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (PortMapping p : service.ports()) {
      ExposedPort port =
          "udp".equals(p.protocol())
              ? ExposedPort.udp(p.containerPort())
              : ExposedPort.tcp(p.containerPort());
      exposed.add(port);
      bindings.bind(port, Ports.Binding.bindPort(p.hostPort()));
    }
    HostConfig host;
    if (networking == DockerRuntime.Networking.OVERLAY) {
      // Only loopback until the net manager moves the overlay veth in (see InstanceNetwork); it
      // also publishes the ports, with nftables DNAT instead of docker-proxy.
      host = HostConfig.newHostConfig().withNetworkMode("none");
      exposed.clear();
    } else {
      host = HostConfig.newHostConfig().withNetworkMode("bridge").withPortBindings(bindings);
    }
    if (service.vcpus() > 0) {
      host.withNanoCPUs(Math.round(service.vcpus() * 1_000_000_000L));
    }
    if (service.memory() > 0) {
      host.withMemory(service.memory() * MB);
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(image)
            .withName(name(spec.instanceId(), nodeId))
            .withLabels(labels(spec, nodeId))
            .withEnv(service.environment())
            .withExposedPorts(exposed)
            .withHostConfig(host);
    if (!service.cmd().isEmpty()) {
      create.withCmd(service.cmd());
    }
    return create;
  }

  static Map<String, String> labels(InstanceSpec spec, String nodeId) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(CanopyLabels.MANAGED, "true");
    labels.put(CanopyLabels.NODE_ID, nodeId);
    labels.put(CanopyLabels.INSTANCE_ID, spec.instanceId());
    if (spec.serviceFullName() != null) {
      labels.put(CanopyLabels.SERVICE, spec.serviceFullName());
    }
    labels.put(CanopyLabels.ONE_SHOT, Boolean.toString(spec.service().oneShot()));
    return labels;
  }

  /**
   * {@code canopy-<instance>-<node>}: readable in {@code docker ps}, and unique even when several
   * engines share one Docker engine and a stale copy of an instance still exists on another node.
   */
  static String name(String instanceId, String nodeId) {
    String node = nodeId.replaceAll("[^a-zA-Z0-9_.-]", "");
    if (node.length() > 16) {
      node = node.substring(node.length() - 16);
    }
    return ("canopy-" + instanceId.replaceAll("[^a-zA-Z0-9_.-]", "") + "-" + node);
  }
}
