package io.canopy.net;

import io.canopy.core.address.Ipv4;
import io.canopy.core.address.WorkerSubnet;
import io.canopy.net.NftState.PortKey;
import io.canopy.net.NftState.PortTarget;
import io.canopy.net.table.NetworkTableCheck;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overlay network of one worker: attaches instances to the Canopy bridge, keeps the nftables
 * service maps, tunnels and routes in line with the latest {@link NetworkTable}, and removes it all
 * on {@link #cleanup()}.
 *
 * <p>All state that matters lives in the kernel: a new {@code NetManager} over an existing setup
 * finds its attachments on the veths, and its first {@link #apply} rebuilds the nftables table.
 * Thread-safe; every call runs {@code ip}/{@code nft} and so needs root (CAP_NET_ADMIN).
 */
public final class NetManager {
  private static final Logger log = LoggerFactory.getLogger(NetManager.class);

  private final NetManagerConfig config;
  private final Shell shell;
  private final Bridge bridge;
  private final InstanceAttachment attacher;
  private final NftTable nft;
  private final Vxlan vxlan;
  private final DockerForwardRule dockerForward;
  private final ForwardPolicy forwardPolicy;
  private final Map<String, Attachment> attachments = new LinkedHashMap<>();
  private boolean recovered;
  private NetworkTable table;
  private WorkerSubnet bridgeSubnet;
  private Set<Vxlan.Tunnel> appliedTunnels;
  private WorkerSubnet tunnelSubnet;

  public NetManager(NetManagerConfig config) {
    this.config = config;
    this.shell = new Shell(config.workerNamespace());
    this.bridge = new Bridge(shell, config.mtu());
    this.attacher = new InstanceAttachment(shell, new Shell(null), config.mtu());
    this.nft = new NftTable(shell);
    this.vxlan =
        new Vxlan(shell, config.vni(), config.vxlanPort(), config.underlay(), config.mtu());
    this.dockerForward = new DockerForwardRule(shell);
    this.forwardPolicy = new ForwardPolicy(shell, dockerForward);
  }

  /** Same as {@link #attach(String, InstanceNamespace, String, List)} without published ports. */
  public Attachment attach(String instanceId, InstanceNamespace namespace, String instanceIp) {
    return attach(instanceId, namespace, instanceIp, List.of());
  }

  /**
   * Gives an instance its interface: a veth pair from the bridge into {@code namespace}, {@code
   * eth0} there with {@code instanceIp} and a default route via the gateway. Call it before the
   * instance starts its work; the instance takes part in service rotation once the table lists it.
   * Attaching an attached instance again with the same address and ports changes nothing.
   *
   * @throws IllegalStateException before the first table (the subnet is unknown) or when the id is
   *     attached with another address or ports
   * @throws IllegalArgumentException for an address outside the subnet or taken, a port taken, or a
   *     namespace that does not exist
   */
  public synchronized Attachment attach(
      String instanceId,
      InstanceNamespace namespace,
      String instanceIp,
      List<PublishedPort> ports) {
    WorkerSubnet subnet = attachable(instanceId, instanceIp, ports);
    Attachment existing = attachments.get(instanceId);
    if (existing != null) {
      return existing;
    }
    return attached(attacher.attach(instanceId, namespace, instanceIp, subnet, ports));
  }

  /**
   * Creates the tap device of a guest that is about to start, in this process's network namespace
   * (where libvirtd and QEMU run; the domain names it in an {@code <interface type='ethernet'>}
   * with {@code managed='no'}). A leftover tap of the instance is replaced.
   *
   * @throws IllegalStateException when the instance is attached already
   */
  public synchronized Tap createTap(String instanceId) {
    if (instanceId == null || instanceId.isBlank()) {
      throw new IllegalArgumentException("instanceId is blank");
    }
    recover();
    Attachment existing = attachments.get(instanceId);
    if (existing != null) {
      throw new IllegalStateException(
          instanceId + " is already attached as " + existing + "; detach it first");
    }
    return new Tap(attacher.createTap(instanceId), config.mtu());
  }

  /**
   * Puts a started guest's tap ({@link #createTap}) on the bridge with {@code instanceIp}, the
   * address the guest was told on its kernel command line: moved into the worker's namespace when
   * that is another one, enslaved, recorded, and in service rotation like a container. The checks
   * and the idempotence are those of {@link #attach(String, InstanceNamespace, String, List)}.
   */
  public synchronized Attachment attachTap(
      String instanceId, String instanceIp, List<PublishedPort> ports) {
    attachable(instanceId, instanceIp, ports);
    Attachment existing = attachments.get(instanceId);
    if (existing != null) {
      return existing;
    }
    return attached(attacher.attachTap(instanceId, instanceIp, ports));
  }

  private Attachment attached(Attachment attachment) {
    attachments.put(attachment.instanceId(), attachment);
    log.info(
        "attached {} as {} ({})",
        attachment.instanceId(),
        attachment.instanceIp(),
        attachment.hostDevice());
    applyNft();
    return attachment;
  }

  /**
   * The subnet, once the request is known to be attachable: the same attachment again is, another
   * address or ports for an attached id or a taken address or port are not.
   */
  private WorkerSubnet attachable(String instanceId, String instanceIp, List<PublishedPort> ports) {
    if (instanceId == null || instanceId.isBlank()) {
      throw new IllegalArgumentException("instanceId is blank");
    }
    if (table == null) {
      throw new IllegalStateException(
          "no network table applied yet: the worker's subnet is unknown, so "
              + instanceId
              + " cannot be attached");
    }
    recover();
    WorkerSubnet subnet = WorkerSubnet.of(table.subnet());
    if (!Ipv4.isCanonical(instanceIp) || !subnet.isInstanceAddress(instanceIp)) {
      throw new IllegalArgumentException(
          "instance IP '"
              + instanceIp
              + "' is not a host address of this worker's subnet "
              + subnet
              + " (gateway "
              + subnet.gateway()
              + ")");
    }
    Attachment existing = attachments.get(instanceId);
    if (existing != null) {
      if (existing.instanceIp().equals(instanceIp) && existing.ports().equals(List.copyOf(ports))) {
        return subnet;
      }
      throw new IllegalStateException(
          instanceId + " is already attached as " + existing + "; detach it first");
    }
    for (Attachment other : attachments.values()) {
      if (other.instanceIp().equals(instanceIp)) {
        throw new IllegalArgumentException(
            "instance IP " + instanceIp + " is taken by " + other.instanceId());
      }
      for (PublishedPort port : ports) {
        for (PublishedPort taken : other.ports()) {
          if (taken.hostPort() == port.hostPort() && taken.protocol().equals(port.protocol())) {
            throw new IllegalArgumentException(
                "host port "
                    + port.hostPort()
                    + "/"
                    + port.protocol()
                    + " is published by "
                    + other.instanceId());
          }
        }
      }
    }
    return subnet;
  }

  /**
   * Removes the instance's veth pair (or a guest's tap), takes it out of every service rotation at
   * once (new connections never reach it, whatever the cluster's table still says) and drops its
   * published ports. Returns false when it was not attached.
   */
  public synchronized boolean detach(String instanceId) {
    recover();
    boolean removed = attacher.detach(instanceId);
    removed |= attachments.remove(instanceId) != null;
    if (table != null) {
      applyNft();
    }
    if (removed) {
      log.info("detached {}", instanceId);
    }
    return removed;
  }

  /**
   * Reconciles the kernel with {@code table}: bridge address, tunnel peers and routes, service
   * maps. Only nftables entries that changed since the last apply are sent (the first apply of a
   * net manager rebuilds the table). Local instances take part in rotation only while attached.
   *
   * @throws InvalidNetworkTableException when the table is malformed; nothing is changed then
   */
  public synchronized void apply(NetworkTable table) {
    List<String> problems = NetworkTableCheck.problems(table);
    if (!problems.isEmpty()) {
      throw new InvalidNetworkTableException(problems);
    }
    WorkerSubnet subnet = WorkerSubnet.of(table.subnet());
    if (!subnet.equals(bridgeSubnet)) {
      bridge.ensure(subnet);
      bridgeSubnet = subnet;
      dockerForward.ensure();
      forwardPolicy.warnings().forEach(log::warn);
    }
    refreshAttachments();
    Set<Vxlan.Tunnel> tunnels = new HashSet<>();
    table.peers().values().stream()
        .map(peer -> new Vxlan.Tunnel(peer.underlay(), WorkerSubnet.of(peer.subnet())))
        .forEach(tunnels::add);
    // Most tables only change services: then the tunnel's eight or so ip/bridge calls are
    // skipped. Entries someone removed by hand come back with the next peer change or restart.
    if (!tunnels.equals(appliedTunnels) || !subnet.equals(tunnelSubnet)) {
      appliedTunnels = null;
      vxlan.reconcile(subnet, tunnels);
      appliedTunnels = tunnels;
      tunnelSubnet = subnet;
    }
    this.table = table;
    applyNft();
  }

  /** What this net manager has made. */
  public synchronized NetStatus status() {
    recover();
    NftState applied = nft.applied();
    return new NetStatus(
        config.workerNamespace(),
        table == null ? null : table.subnet(),
        List.copyOf(attachments.values()),
        applied == null ? Map.of() : applied.services(),
        table == null ? Map.of() : table.peers(),
        forwardPolicy.warnings());
  }

  /**
   * Removes everything Canopy made on this worker: the nftables table, the tunnel (with its FDB
   * entries, neighbours and routes), every Canopy veth and guest tap (also taps a guest's start
   * left in the machine's namespace), the bridge and the two accepts in Docker's {@code
   * DOCKER-USER} chain. Works on a fresh net manager too, so {@code --cleanup} after a crash finds
   * what an earlier process left.
   */
  public synchronized void cleanup() {
    nft.delete();
    dockerForward.remove();
    vxlan.delete();
    for (String device : attacher.devices()) {
      // deleting one end of a pair removes the other: a failure here means it is gone already
      shell.exec(null, "ip", "link", "del", "dev", device);
    }
    attacher.strayTaps().forEach(attacher::deleteStray);
    bridge.delete();
    attachments.clear();
    table = null;
    bridgeSubnet = null;
    appliedTunnels = null;
    tunnelSubnet = null;
    recovered = true;
    log.info(
        "removed all Canopy networking{}",
        config.workerNamespace() == null ? "" : " in " + config.workerNamespace());
  }

  private void recover() {
    if (!recovered) {
      refreshAttachments();
    }
  }

  // The kernel is the record: veths of instances whose namespace died are gone from it.
  private void refreshAttachments() {
    attachments.clear();
    for (Attachment attachment : attacher.list()) {
      attachments.put(attachment.instanceId(), attachment);
    }
    recovered = true;
  }

  private void applyNft() {
    WorkerSubnet subnet = WorkerSubnet.of(table.subnet());
    Set<String> attachedIps =
        attachments.values().stream().map(Attachment::instanceIp).collect(Collectors.toSet());
    List<WorkerSubnet> remote =
        table.peers().values().stream().map(Peer::subnet).map(WorkerSubnet::of).toList();
    Map<String, List<String>> services = new LinkedHashMap<>();
    table
        .services()
        .forEach(
            (serviceIp, instances) -> {
              List<String> backends = new ArrayList<>();
              for (ServiceInstance instance : instances) {
                String ip = instance.instanceIp();
                boolean local = subnet.block().contains(ip) && attachedIps.contains(ip);
                boolean tunnelled = remote.stream().anyMatch(peer -> peer.block().contains(ip));
                if (local || tunnelled) {
                  backends.add(ip);
                } else {
                  log.debug(
                      "{} of {} is neither attached here nor in a peer subnet", ip, serviceIp);
                }
              }
              if (!backends.isEmpty()) {
                services.put(serviceIp, backends);
              }
            });
    Map<PortKey, PortTarget> hostPorts = new LinkedHashMap<>();
    for (Attachment attachment : attachments.values()) {
      if (subnet.block().contains(attachment.instanceIp())) {
        for (PublishedPort port : attachment.ports()) {
          hostPorts.put(
              new PortKey(port.protocol(), port.hostPort()),
              new PortTarget(attachment.instanceIp(), port.instancePort()));
        }
      }
    }
    nft.apply(new NftState(subnet, services, hostPorts));
  }
}
