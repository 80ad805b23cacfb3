package io.canopy.cluster.net;

import io.canopy.cluster.ClusterLoop;
import io.canopy.cluster.instance.InstanceRecord;
import io.canopy.cluster.instance.InstanceStore;
import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.core.address.Cidr;
import io.canopy.core.overlay.OverlayFilter;
import io.canopy.core.overlay.OverlayViews;
import io.canopy.wire.InstanceState;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells every worker's net manager what to program: its own subnet, every service IP with the
 * RUNNING instances behind it, and the other workers to tunnel to. Tables are recomputed right
 * after every change that can alter them ({@link #changed()}: instance reports, worker liveness,
 * granted subnets) and twice a second for the rest (lost workers, restarts), and published
 * (retained, so a reconnecting worker gets the latest at once) only when a worker's table changed.
 * A table the MQTT client did not take is sent again on the next refresh.
 *
 * <p>Across clusters: what this cluster's workers expose ({@link #ownOverlay()}) goes to the root,
 * which relays the other clusters' ({@link #relayed}); their instances follow this cluster's own in
 * each service and their workers join the peers, so the tunnels reach them.
 */
@Component
public class NetTables implements SmartLifecycle {
  private final WorkerStore workers;
  private final InstanceStore instances;
  private final WorkerChannel channel;
  private final ClusterLoop loop;
  private final Map<String, NetworkTable> published = new HashMap<>();
  private final RelayedOverlay relayed = new RelayedOverlay();
  private volatile OverlayView own = OverlayView.EMPTY;
  private volatile Runnable onOwnOverlayChange = () -> {};
  private volatile boolean running;

  NetTables(WorkerStore workers, InstanceStore instances, WorkerChannel channel, ClusterLoop loop) {
    this.workers = workers;
    this.instances = instances;
    this.channel = channel;
    this.loop = loop;
  }

  /** Something tables are made of changed: refresh them now, on the cluster loop. */
  public void changed() {
    loop.run("net tables", this::refresh);
  }

  /** The root relayed the other clusters' overlay: it replaces the previous one; on the loop. */
  public void relayed(OverlayView overlay) {
    relayed.replace(overlay);
    refresh();
  }

  /**
   * What this cluster's workers expose to the overlay, as of the last refresh: the part of its
   * RUNNING instances and active workers that other clusters can use (a worker whose underlay
   * address is loopback, say, is not in it).
   */
  public OverlayView ownOverlay() {
    return own;
  }

  /** {@code listener} runs on the cluster loop whenever {@link #ownOverlay()} changed. */
  public void whenOwnOverlayChanges(Runnable listener) {
    onOwnOverlayChange = listener;
  }

  /** Publishes every table that changed; runs on the cluster loop. */
  public void refresh() {
    List<WorkerRecord> all = workers.all();
    Map<String, WorkerRecord> byId = new HashMap<>();
    all.forEach(w -> byId.put(w.nodeId(), w));
    OverlayView local = new OverlayView(services(byId), peers(all));
    OverlayView exposed = OverlayFilter.filter(local, List.of()).kept();
    if (!exposed.equals(own)) {
      own = exposed;
      onOwnOverlayChange.run();
    }
    OverlayView merged = OverlayViews.concat(List.of(local, relayed.usable(subnets(all))));
    for (WorkerRecord w : all) {
      if (!w.active() || w.subnet() == null) {
        continue; // a net manager cannot program a worker without its subnet
      }
      Map<String, Peer> peers = new LinkedHashMap<>(merged.peers());
      peers.remove(w.nodeId());
      NetworkTable table = new NetworkTable(w.subnet(), merged.services(), peers);
      if (!table.equals(published.get(w.nodeId())) && channel.sendTable(w.nodeId(), table)) {
        published.put(w.nodeId(), table);
      }
    }
  }

  /** Every service IP → its RUNNING instances that have an address, in instance id order. */
  private Map<String, List<ServiceInstance>> services(Map<String, WorkerRecord> byId) {
    Map<String, List<ServiceInstance>> services = new TreeMap<>();
    List<InstanceRecord> live =
        instances.all().stream()
            .filter(r -> r.live() && r.state() == InstanceState.RUNNING && r.instanceIp() != null)
            .sorted(Comparator.comparing(InstanceRecord::instanceId))
            .toList();
    for (InstanceRecord r : live) {
      String serviceIp = r.spec().serviceIp();
      WorkerRecord host = byId.get(r.nodeId());
      if (serviceIp == null || host == null) {
        continue;
      }
      services
          .computeIfAbsent(serviceIp, ip -> new ArrayList<>())
          .add(new ServiceInstance(r.instanceId(), r.instanceIp(), host.underlayAddress()));
    }
    return services;
  }

  /** Every active worker with a subnet and an underlay address, in node id order. */
  private static Map<String, Peer> peers(List<WorkerRecord> all) {
    Map<String, Peer> peers = new LinkedHashMap<>();
    all.stream()
        .filter(w -> w.active() && w.subnet() != null && w.underlayAddress() != null)
        .sorted(Comparator.comparing(WorkerRecord::nodeId))
        .forEach(w -> peers.put(w.nodeId(), new Peer(w.underlayAddress(), w.subnet())));
    return peers;
  }

  /** The subnets of all this cluster's workers, active or not: relayed ones must not overlap. */
  private static List<Cidr> subnets(List<WorkerRecord> all) {
    return all.stream()
        .map(WorkerRecord::subnet)
        .map(Cidr::parse)
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public void start() {
    running = true;
    loop.every(Duration.ofMillis(500), "net tables", this::refresh);
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
