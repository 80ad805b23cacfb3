import io.canopy.net.NetManager;
import io.canopy.net.NetManagerConfig;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How long a net manager takes to apply a table: the first one (bridge, tunnel, nftables rebuild)
 * and then tables that only add or remove one instance of a service (what most cluster changes
 * are). Run by apply-timing.sh in a namespace it made; prints milliseconds.
 */
public class ApplyTiming {
  public static void main(String[] args) {
    String namespace = args[0];
    int rounds = Integer.parseInt(args[1]);
    NetManager manager =
        new NetManager(
            NetManagerConfig.defaults().withWorkerNamespace(namespace).withUnderlay("192.0.2.1"));
    Map<String, Peer> peers = Map.of("b", new Peer("192.0.2.2", "10.18.0.64/26"));
    List<ServiceInstance> three =
        List.of(
            new ServiceInstance("x", "10.18.0.66", "192.0.2.2"),
            new ServiceInstance("y", "10.18.0.67", "192.0.2.2"),
            new ServiceInstance("z", "10.18.0.68", "192.0.2.2"));
    try {
      long start = System.nanoTime();
      manager.apply(new NetworkTable("10.18.0.0/26", Map.of("10.30.0.1", three), peers));
      System.out.printf("first apply (bridge, tunnel, table rebuild): %.0f ms%n", ms(start));
      List<Double> changes = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        List<ServiceInstance> now = i % 2 == 0 ? three.subList(0, 2) : three;
        long t = System.nanoTime();
        manager.apply(new NetworkTable("10.18.0.0/26", Map.of("10.30.0.1", now), peers));
        changes.add(ms(t));
      }
      Collections.sort(changes);
      System.out.printf(
          "one instance more or less, %d tables: median %.0f ms, max %.0f ms%n",
          rounds, changes.get(rounds / 2), changes.get(rounds - 1));
    } finally {
      manager.cleanup();
    }
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
