package io.canopy.core.placement;

/**
 * An amount of compute: what an instance needs, what a worker has free, or what it has in total.
 * Arithmetic may go negative (an over-committed worker); {@link #atLeastZero()} clamps it where a
 * negative free amount would make no sense to show.
 */
public record Capacity(double vcpus, long memoryMb, int gpus) {

  public static final Capacity ZERO = new Capacity(0, 0, 0);

  public Capacity {
    if (Double.isNaN(vcpus) || Double.isInfinite(vcpus)) {
      throw new IllegalArgumentException("vcpus must be a finite number, was " + vcpus);
    }
  }

  public Capacity plus(Capacity other) {
    return new Capacity(vcpus + other.vcpus, memoryMb + other.memoryMb, gpus + other.gpus);
  }

  public Capacity minus(Capacity other) {
    return new Capacity(vcpus - other.vcpus, memoryMb - other.memoryMb, gpus - other.gpus);
  }

  /** Whether {@code needed} fits into this amount in every dimension. */
  public boolean fits(Capacity needed) {
    return needed.vcpus <= vcpus + EPSILON && needed.memoryMb <= memoryMb && needed.gpus <= gpus;
  }

  /**
   * The larger amount in each dimension: the best single worker of a class, dimension by dimension.
   */
  public Capacity max(Capacity other) {
    return new Capacity(
        Math.max(vcpus, other.vcpus),
        Math.max(memoryMb, other.memoryMb),
        Math.max(gpus, other.gpus));
  }

  public Capacity atLeastZero() {
    return new Capacity(Math.max(0, vcpus), Math.max(0, memoryMb), Math.max(0, gpus));
  }

  // vcpus are fractions (0.1 + 0.2 ≠ 0.3): a sum of reservations must not miss a fit by rounding.
  private static final double EPSILON = 1e-9;
}
