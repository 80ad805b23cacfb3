package io.canopy.net;

import io.canopy.core.address.Ipv4;
import io.canopy.core.address.WorkerSubnet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Veth pairs between the bridge and instances. The host end is named after a hash of the instance
 * id and carries the attachment in its interface alias, so a restarted net manager finds what it
 * attached in the kernel itself, with no state file to lose.
 */
final class InstanceAttachment {
  static final String HOST_PREFIX = "canopyv";
  static final String PEER_PREFIX = "canopyp";
  static final String INSIDE_NAME = "eth0";
  private static final String ALIAS_TAG = "canopy";
  private static final int MAX_ALIAS = 255;
  private static final Logger log = LoggerFactory.getLogger(InstanceAttachment.class);

  private final Shell shell;
  private final Shell host;
  private final int mtu;

  /**
   * @param shell runs in the worker's namespace
   * @param host runs in the process's own namespace; only used to {@code nsenter} instance ones
   */
  InstanceAttachment(Shell shell, Shell host, int mtu) {
    this.shell = shell;
    this.host = host;
    this.mtu = mtu;
  }

  static String hostDevice(String instanceId) {
    return HOST_PREFIX + hash(instanceId);
  }

  Attachment attach(
      String instanceId,
      InstanceNamespace namespace,
      String instanceIp,
      WorkerSubnet subnet,
      List<PublishedPort> ports) {
    Attachment attachment = new Attachment(instanceId, instanceIp, hostDevice(instanceId), ports);
    String alias = encode(attachment);
    if (alias.length() > MAX_ALIAS) {
      throw new IllegalArgumentException(
          "instance id and ports of "
              + instanceId
              + " are too long to record ("
              + alias.length()
              + " > "
              + MAX_ALIAS
              + " characters)");
    }
    if (!Files.exists(Path.of(namespace.path()))) {
      throw new IllegalArgumentException(
          "instance " + instanceId + " has no network namespace at " + namespace.path());
    }
    String hostEnd = attachment.hostDevice();
    String peerEnd = PEER_PREFIX + hash(instanceId);
    shell.exec(null, "ip", "link", "del", "dev", peerEnd); // a leftover of an interrupted attach
    shell.run(
        "ip",
        "link",
        "add",
        hostEnd,
        "mtu",
        Integer.toString(mtu),
        "type",
        "veth",
        "peer",
        "name",
        peerEnd,
        "mtu",
        Integer.toString(mtu));
    try {
      shell.run("ip", "link", "set", "dev", peerEnd, "netns", namespace.ipLinkTarget());
      String nsenter = "--net=" + namespace.path();
      host.run("nsenter", nsenter, "ip", "link", "set", "dev", peerEnd, "name", INSIDE_NAME);
      host.run(
          "nsenter",
          nsenter,
          "ip",
          "addr",
          "add",
          instanceIp + "/" + subnet.prefix(),
          "dev",
          INSIDE_NAME);
      host.run("nsenter", nsenter, "ip", "link", "set", "dev", INSIDE_NAME, "up");
      host.run("nsenter", nsenter, "ip", "link", "set", "dev", "lo", "up");
      host.run(
          "nsenter",
          nsenter,
          "ip",
          "route",
          "replace",
          "default",
          "via",
          subnet.gateway(),
          "dev",
          INSIDE_NAME);
      shell.run("ip", "link", "set", "dev", hostEnd, "alias", alias);
      shell.run("ip", "link", "set", "dev", hostEnd, "master", Bridge.NAME, "up");
    } catch (RuntimeException e) {
      // deleting one end removes the pair, wherever the other end went
      shell.exec(null, "ip", "link", "del", "dev", hostEnd);
      throw e;
    }
    return attachment;
  }

  /** Removes the instance's veth pair; false when there was none. */
  boolean detach(String instanceId) {
    String hostEnd = hostDevice(instanceId);
    return shell.exec(null, "ip", "link", "del", "dev", hostEnd).ok();
  }

  /** The attachments recorded in the kernel. */
  List<Attachment> list() {
    List<Attachment> result = new ArrayList<>();
    for (JsonNode link : shell.json("ip", "-j", "link", "show")) {
      String name = NetJsonTree.text(link, "ifname");
      if (name == null || !name.startsWith(HOST_PREFIX)) {
        continue;
      }
      Optional<Attachment> decoded = decode(name, NetJsonTree.text(link, "ifalias"));
      if (decoded.isPresent()) {
        result.add(decoded.get());
      } else {
        log.warn("{} has no readable Canopy alias; cleanup will remove it", name);
      }
    }
    return result;
  }

  /** Every Canopy veth, readable or not: what cleanup removes. */
  List<String> devices() {
    List<String> result = new ArrayList<>();
    for (JsonNode link : shell.json("ip", "-j", "link", "show")) {
      String name = NetJsonTree.text(link, "ifname");
      if (name != null && (name.startsWith(HOST_PREFIX) || name.startsWith(PEER_PREFIX))) {
        result.add(name);
      }
    }
    return result;
  }

  // canopy;<instance ip>;<proto/host/instance,…>;<instance id> — the id last, as it may hold ';'
  static String encode(Attachment attachment) {
    StringBuilder ports = new StringBuilder();
    for (PublishedPort port : attachment.ports()) {
      if (!ports.isEmpty()) {
        ports.append(',');
      }
      ports
          .append(port.protocol())
          .append('/')
          .append(port.hostPort())
          .append('/')
          .append(port.instancePort());
    }
    return ALIAS_TAG + ";" + attachment.instanceIp() + ";" + ports + ";" + attachment.instanceId();
  }

  static Optional<Attachment> decode(String device, String alias) {
    if (alias == null) {
      return Optional.empty();
    }
    String[] parts = alias.split(";", 4);
    if (parts.length != 4 || !parts[0].equals(ALIAS_TAG) || !Ipv4.isCanonical(parts[1])) {
      return Optional.empty();
    }
    try {
      List<PublishedPort> ports = new ArrayList<>();
      if (!parts[2].isEmpty()) {
        for (String port : parts[2].split(",")) {
          String[] fields = port.split("/");
          ports.add(
              new PublishedPort(
                  Integer.parseInt(fields[1]), Integer.parseInt(fields[2]), fields[0]));
        }
      }
      return Optional.of(new Attachment(parts[3], parts[1], device, ports));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hash(String instanceId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
