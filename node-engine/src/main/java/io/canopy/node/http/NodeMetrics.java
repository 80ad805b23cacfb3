package io.canopy.node.http;

import io.canopy.wire.node.Fingerprint;
import java.util.concurrent.atomic.AtomicLong;

/** The engine's own counters and its latest host sample, exported on {@code /metrics}. */
public final class NodeMetrics {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong reports = new AtomicLong();
  private volatile Fingerprint host;

  public void received() {
    received.incrementAndGet();
  }

  public void published() {
    published.incrementAndGet();
  }

  public void reconnected() {
    reconnects.incrementAndGet();
  }

  /**
   * A resource report went out with this sample: {@code /metrics} shows the same CPU and memory the
   * cluster sees, without sampling the host again (a second reader would shorten the CPU window of
   * the reports).
   */
  public void reported(Fingerprint sample) {
    reports.incrementAndGet();
    host = sample;
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

  /** The host as last reported; null before the first report. */
  Fingerprint host() {
    return host;
  }
}
