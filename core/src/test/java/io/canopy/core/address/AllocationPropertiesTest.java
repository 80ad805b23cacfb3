package io.canopy.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The pools are pure; what makes allocation safe is the store's unique index plus retry. This store
 * does what the Mongo stores do: an atomic insert-if-absent keyed by the address, and on a clash
 * the allocator reads what is taken again and tries the next free one.
 */
class AllocationPropertiesTest {

  enum Pool {
    SERVICE_IPS(taken -> new ServiceIpPool().next(taken)),
    SUBNETS(taken -> new SubnetPool().next(taken)),
    INSTANCE_IPS(taken -> WorkerSubnet.of("10.18.0.64/26").nextInstanceIp(taken));

    final Function<Collection<String>, Optional<String>> next;

    Pool(Function<Collection<String>, Optional<String>> next) {
      this.next = next;
    }
  }

  /** An atomic store with a unique index on the address. */
  static final class AtomicStore {
    final Map<String, String> byAddress = new ConcurrentHashMap<>();

    Optional<String> allocate(Pool pool, String holder) {
      while (true) {
        Optional<String> candidate = pool.next.apply(Set.copyOf(byAddress.keySet()));
        if (candidate.isEmpty()) {
          return Optional.empty();
        }
        if (byAddress.putIfAbsent(candidate.get(), holder) == null) {
          return candidate;
        }
        // Clash: another allocator won this address; read again and take the next.
      }
    }

    void free(String address) {
      byAddress.remove(address);
    }
  }

  @Property(tries = 30)
  void concurrentAllocationNeverYieldsDuplicates(
      @ForAll Pool pool,
      @ForAll @IntRange(min = 2, max = 6) int threads,
      @ForAll @IntRange(min = 1, max = 10) int each)
      throws Exception {
    AtomicStore store = new AtomicStore();
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        String holder = "holder-" + t;
        results.add(
            executor.submit(
                () -> {
                  start.await();
                  List<String> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    store.allocate(pool, holder + "-" + i).ifPresent(mine::add);
                  }
                  return mine;
                }));
      }
      start.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : results) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }
      int expected = Math.min(threads * each, 61); // a /26 holds 61 instances
      assertThat(all).hasSize(expected).doesNotHaveDuplicates();
      assertThat(store.byAddress).hasSize(expected);
    } finally {
      executor.shutdownNow();
    }
  }

  @Property(tries = 50)
  void freedAddressesAreReusedFirst(
      @ForAll Pool pool,
      @ForAll @IntRange(min = 1, max = 40) int count,
      @ForAll("freeMask") List<Boolean> freeMask) {
    AtomicStore store = new AtomicStore();
    List<String> first = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      first.add(store.allocate(pool, "h" + i).orElseThrow());
    }
    Set<String> freed = new HashSet<>();
    for (int i = 0; i < count; i++) {
      if (freeMask.get(i)) {
        store.free(first.get(i));
        freed.add(first.get(i));
      }
    }

    Set<String> again = new HashSet<>();
    for (int i = 0; i < freed.size(); i++) {
      again.add(store.allocate(pool, "again" + i).orElseThrow());
    }

    assertThat(again).isEqualTo(freed);
    assertThat(store.byAddress).hasSize(count);
  }

  @Provide
  Arbitrary<List<Boolean>> freeMask() {
    return Arbitraries.of(true, false).list().ofSize(40);
  }
}
