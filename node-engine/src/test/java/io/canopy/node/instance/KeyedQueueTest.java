package io.canopy.node.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedQueueTest {
  final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  final KeyedQueue queue = new KeyedQueue(pool);

  @AfterEach
  void close() {
    pool.shutdownNow();
  }

  @Test
  void runsOneKeysTasksInOrderAndAFailureDoesNotBlockTheNext() throws Exception {
    List<Integer> done = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> slow = queue.submit("a", () -> sleepThen(100, () -> done.add(1)));
    CompletableFuture<Void> failing =
        queue.submit(
            "a",
            () -> {
              throw new IllegalStateException("disk full");
            });
    CompletableFuture<Void> after = queue.submit("a", () -> done.add(3));

    after.get(5, TimeUnit.SECONDS);
    assertThat(done).containsExactly(1, 3);
    assertThat(slow).isCompleted();
    assertThat(failing).isCompletedExceptionally();
  }

  @Test
  void differentKeysDoNotWaitForEachOther() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> blocked =
        queue.submit(
            "pull",
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });

    queue.submit("stop", () -> {}).get(5, TimeUnit.SECONDS);

    assertThat(blocked).isNotDone();
    release.countDown();
    blocked.get(5, TimeUnit.SECONDS);
  }

  private static void sleepThen(long millis, Runnable then) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    then.run();
  }
}
