package io.canopy.wire;

import io.canopy.sla.Microservice;

/**
 * What a cluster and a worker need to run one instance of a service: sent root → cluster → worker.
 *
 * @param instanceId globally unique id of this instance (the root's id, 24 hex)
 * @param serviceId the root's id of the service
 * @param serviceFullName {@code app.appns.svc.svcns}
 * @param instanceNumber the instance's number within the service (0, 1, …), as in Oakestra
 * @param service the service's SLA as the user wrote it (the runtime reads code, cmd, ports…)
 * @param serviceIp the service's round-robin address in 10.30.0.0/16
 * @param nodeId the worker the cluster chose; null until the cluster scheduled it
 */
public record InstanceSpec(
    String instanceId,
    String serviceId,
    String serviceFullName,
    int instanceNumber,
    Microservice service,
    String serviceIp,
    String nodeId) {

  public InstanceSpec onNode(String chosenNodeId) {
    return new InstanceSpec(
        instanceId, serviceId, serviceFullName, instanceNumber, service, serviceIp, chosenNodeId);
  }
}
