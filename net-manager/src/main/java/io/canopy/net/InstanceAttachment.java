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
 * The bridge's ports to instances: a veth pair for an instance with a network namespace of its own
 * (a container), a tap device for a guest whose QEMU runs in the machine's namespace (a unikernel).
 * The bridge end is named after a hash of the instance id and carries the attachment in its
 * interface alias, so a restarted net manager finds what it attached in the kernel itself, with no
 * state file to lose.
 */
final class InstanceAttachment {
  static final String HOST_PREFIX = "canopyv";
  static final String PEER_PREFIX = "canopyp";
  static final String TAP_PREFIX = "canopyt";
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

  /** The tap device of a guest: {@code canopyt} and 8 hex digits, 15 characters. */
  static String tapDevice(String instanceId) {
    return TAP_PREFIX + hash(instanceId);
  }

  Attachment attach(
      String instanceId,
      InstanceNamespace namespace,
      String instanceIp,
      WorkerSubnet subnet,
      List<PublishedPort> ports) {
    Attachment attachment = new Attachment(instanceId, instanceIp, hostDevice(instanceId), ports);
    String alias = alias(attachment);
    if (!Files.exists(Path.of(namespace.path()))) {
      throw new IllegalArgumentException(
          "instance " + instanceId + " has no network namespace at " + namespace.path());
    }
    String hostEnd = attachment.hostDevice();
    String peerEnd = PEER_PREFIX + hash(instanceId);
    shell.exec(null, "ip", "link", "del", "dev", peerEnd); // a leftover of an interrupted attach
    // Two `ip -batch` runs (the worker's namespace, then the instance's) instead of one process
    // per step: each process costs tens of milliseconds, and an attach sits between a container's
    // start and its RUNNING report. The alias stays a command of its own: it holds the instance
    // id, which a batch line would split or cut at a '#'.
    String m = Integer.toString(mtu);
    try {
      shell.runWithInput(
          String.join(
              "\n",
              "link add " + hostEnd + " mtu " + m + " type veth peer name " + peerEnd + " mtu " + m,
              "link set dev " + peerEnd + " netns " + namespace.ipLinkTarget(),
              "link set dev " + hostEnd + " master " + Bridge.NAME + " up",
              ""),
          "ip",
          "-batch",
          "-");
      host.runWithInput(
          String.join(
              "\n",
              "link set dev " + peerEnd + " name " + INSIDE_NAME,
              "addr add " + instanceIp + "/" + subnet.prefix() + " dev " + INSIDE_NAME,
              "link set dev " + INSIDE_NAME + " up",
              "link set dev lo up",
              "route replace default via " + subnet.gateway() + " dev " + INSIDE_NAME,
              ""),
          "nsenter",
          "--net=" + namespace.path(),
          "ip",
          "-batch",
          "-");
      shell.run("ip", "link", "set", "dev", hostEnd, "alias", alias);
    } catch (RuntimeException e) {
      // deleting one end removes the pair, wherever the other end went
      shell.exec(null, "ip", "link", "del", "dev", hostEnd);
      throw e;
    }
    return attachment;
  }

  /**
   * Creates a guest's tap device in the process's own network namespace, where libvirtd and QEMU
   * run: libvirt opens an existing tap by name there ({@code <interface type='ethernet'>} with
   * {@code managed='no'}). A leftover of an earlier start is replaced. Returns its name.
   */
  String createTap(String instanceId) {
    String tap = tapDevice(instanceId);
    host.exec(null, "ip", "link", "del", "dev", tap);
    host.run("ip", "tuntap", "add", "dev", tap, "mode", "tap");
    try {
      host.run("ip", "link", "set", "dev", tap, "mtu", Integer.toString(mtu));
    } catch (RuntimeException e) {
      host.exec(null, "ip", "link", "del", "dev", tap);
      throw e;
    }
    return tap;
  }

  /**
   * Puts a guest's tap, which its QEMU holds open by now, on the bridge: moved into the worker's
   * namespace first when that is not the process's own (a tap keeps working for the process holding
   * its file descriptor wherever the device goes), then recorded, enslaved and up.
   */
  Attachment attachTap(String instanceId, String instanceIp, List<PublishedPort> ports) {
    String tap = tapDevice(instanceId);
    Attachment attachment = new Attachment(instanceId, instanceIp, tap, ports);
    String alias = alias(attachment);
    if (!host.exec(null, "ip", "link", "show", "dev", tap).ok()) {
      throw new IllegalArgumentException(
          "guest " + instanceId + " has no tap device " + tap + " to attach (create it first)");
    }
    try {
      if (shell.namespace() != null) {
        host.run("ip", "link", "set", "dev", tap, "netns", shell.namespace());
      }
      shell.run("ip", "link", "set", "dev", tap, "mtu", Integer.toString(mtu), "alias", alias);
      shell.run("ip", "link", "set", "dev", tap, "master", Bridge.NAME, "up");
    } catch (RuntimeException e) {
      removeTap(tap);
      throw e;
    }
    return attachment;
  }

  /** Removes the instance's veth pair or tap; false when there was none. */
  boolean detach(String instanceId) {
    boolean veth = shell.exec(null, "ip", "link", "del", "dev", hostDevice(instanceId)).ok();
    return removeTap(tapDevice(instanceId)) || veth;
  }

  // on the bridge, or still in the machine's namespace when the guest never got attached
  private boolean removeTap(String tap) {
    boolean removed = shell.exec(null, "ip", "link", "del", "dev", tap).ok();
    if (shell.namespace() != null) {
      removed |= host.exec(null, "ip", "link", "del", "dev", tap).ok();
    }
    return removed;
  }

  private static String alias(Attachment attachment) {
    String alias = encode(attachment);
    if (alias.length() > MAX_ALIAS) {
      throw new IllegalArgumentException(
          "instance id and ports of "
              + attachment.instanceId()
              + " are too long to record ("
              + alias.length()
              + " > "
              + MAX_ALIAS
              + " characters)");
    }
    return alias;
  }

  /** The attachments recorded in the kernel. */
  List<Attachment> list() {
    List<Attachment> result = new ArrayList<>();
    for (JsonNode link : shell.json("ip", "-j", "link", "show")) {
      String name = NetJsonTree.text(link, "ifname");
      if (name == null || !(name.startsWith(HOST_PREFIX) || name.startsWith(TAP_PREFIX))) {
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

  /** Every Canopy veth and tap in the worker's namespace, readable or not: what cleanup removes. */
  List<String> devices() {
    return named(shell, HOST_PREFIX, PEER_PREFIX, TAP_PREFIX);
  }

  /**
   * Guest taps left in the machine's namespace by a start that never reached the attach, when the
   * worker's network is in a namespace of its own (else {@link #devices()} has them already).
   */
  List<String> strayTaps() {
    return shell.namespace() == null ? List.of() : named(host, TAP_PREFIX);
  }

  /** Deletes a device that {@link #strayTaps()} listed. */
  void deleteStray(String device) {
    host.exec(null, "ip", "link", "del", "dev", device);
  }

  private static List<String> named(Shell in, String... prefixes) {
    List<String> result = new ArrayList<>();
    for (JsonNode link : in.json("ip", "-j", "link", "show")) {
      String name = NetJsonTree.text(link, "ifname");
      if (name != null && List.of(prefixes).stream().anyMatch(name::startsWith)) {
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
