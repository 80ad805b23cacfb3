package io.canopy.sla;

/** How a service runs. Oakestra's {@code docker} is a synonym of {@code container}. */
public enum Virtualization {
  CONTAINER("container"),
  UNIKERNEL("unikernel");

  private final String json;

  Virtualization(String json) {
    this.json = json;
  }

  /** The canonical SLA value, also the runtime name a worker's fingerprint lists. */
  public String json() {
    return json;
  }

  /**
   * Reads an SLA's {@code virtualization}.
   *
   * @throws IllegalArgumentException for anything but container, docker or unikernel
   */
  public static Virtualization of(String value) {
    if (value != null) {
      switch (value) {
        case "container", "docker" -> {
          return CONTAINER;
        }
        case "unikernel" -> {
          return UNIKERNEL;
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException(
        (value == null ? "null" : "\"" + value + "\"")
            + " is not a virtualization: use container, docker or unikernel");
  }

  /** Whether {@link #of} accepts {@code value}. */
  public static boolean isKnown(String value) {
    return "container".equals(value) || "docker".equals(value) || "unikernel".equals(value);
  }
}
