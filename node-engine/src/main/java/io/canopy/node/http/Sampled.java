package io.canopy.node.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value that is slow to get (it asks the Docker daemon, which takes about a second per
 * container's stats): a reader gets the last value at once, and a value older than {@code maxAge}
 * is fetched again in the background. So a scrape never waits for a daemon, and nothing is sampled
 * while nobody reads.
 */
final class Sampled<T> {
  private static final Logger log = LoggerFactory.getLogger(Sampled.class);

  private final String what;
  private final Supplier<T> source;
  private final long maxAgeNanos;
  private final AtomicBoolean fetching = new AtomicBoolean();
  private volatile T value;
  private volatile long fetchedAt;
  private volatile boolean fetched;

  Sampled(String what, Supplier<T> source, Duration maxAge, T initial) {
    this.what = what;
    this.source = source;
    this.maxAgeNanos = maxAge.toNanos();
    this.value = initial;
  }

  /** The last value; starts a background fetch when it is stale and none is running. */
  T get() {
    if ((!fetched || System.nanoTime() - fetchedAt > maxAgeNanos)
        && fetching.compareAndSet(false, true)) {
      Thread.ofVirtual().name("sample-" + what).start(this::fetch);
    }
    return value;
  }

  private void fetch() {
    try {
      value = source.get();
    } catch (RuntimeException e) {
      log.debug("sampling {} failed: {}", what, e.toString());
    } finally {
      fetchedAt = System.nanoTime();
      fetched = true;
      fetching.set(false);
    }
  }
}
