package io.canopy.root.address;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.root.support.RootIT;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Concurrent allocation never hands out one address twice; freed addresses are reused. */
class AddressAllocationIT extends RootIT {
  @Autowired ServiceIpAllocator serviceIps;
  @Autowired SubnetAllocator subnets;

  @Test
  void concurrentServiceAddressesAreDistinctAndFreedOnesComeBack() throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String owner = unique("svc");
      owners.add(owner);
      tasks.add(() -> serviceIps.allocate(owner, owner, null, "rr_ip"));
    }
    Set<String> got = run(tasks);
    assertThat(got).hasSize(60).allMatch(ip -> ip.startsWith("10.30."));

    String freed = serviceIps.allocate("probe", "probe", null, "rr_ip");
    serviceIps.release("probe");
    assertThat(serviceIps.allocate("probe2", "probe2", null, "rr_ip")).isEqualTo(freed);
    serviceIps.release("probe2");
    owners.forEach(serviceIps::release);
  }

  @Test
  void concurrentWorkerSubnetsAreDistinctAndStablePerWorker() throws Exception {
    String cluster = unique("cl");
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String node = "node-" + (i % 20); // every worker asks twice, concurrently
      tasks.add(() -> subnets.grant(cluster, node).orElseThrow());
    }
    Set<String> got = run(tasks);
    assertThat(got).hasSize(20).allMatch(c -> c.endsWith("/26"));
    assertThat(subnets.grant(cluster, "node-3"))
        .contains(subnets.grant(cluster, "node-3").orElseThrow());
    subnets.releaseCluster(cluster);
  }

  private static Set<String> run(List<Callable<String>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Set<String> out = new HashSet<>();
      List<String> all = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(tasks)) {
        all.add(f.get());
      }
      out.addAll(all);
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
