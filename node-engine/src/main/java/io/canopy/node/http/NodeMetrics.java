package io.canopy.node.http;

import java.util.concurrent.atomic.AtomicLong;

/** The engine's own counters, exported on {@code /metrics}. */
public final class NodeMetrics {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong reports = new AtomicLong();

  public void received() {
    received.incrementAndGet();
  }

  public void published() {
    published.incrementAndGet();
  }

  public void reconnected() {
    reconnects.incrementAndGet();
  }

  public void reported() {
    reports.incrementAndGet();
  }

  long receivedCount() {
    return received.get();
  }

  long publishedCount() {
    return published.get();
  }

  long reconnectCount() {
    return reconnects.get();
  }

  long reportCount() {
    return reports.get();
  }
}
