package io.canopy.core.placement;

/** The soft preferences, each 0–100, higher is better. */
final class Scorers {
  private Scorers() {}

  /**
   * 100 minus the mean leftover share after placing, over the dimensions the offer has at all (a
   * GPU-less worker is not judged on GPUs; a GPU worker taking a GPU-less instance is, so GPU
   * workers stay free for GPU work).
   */
  static double bestFit(Demand d, Offer o) {
    double sum = 0;
    int dims = 0;
    if (o.total().vcpus() > 0) {
      sum += leftover(o.free().vcpus() - d.needed().vcpus(), o.total().vcpus());
      dims++;
    }
    if (o.total().memoryMb() > 0) {
      sum += leftover(o.free().memoryMb() - d.needed().memoryMb(), o.total().memoryMb());
      dims++;
    }
    if (o.total().gpus() > 0) {
      sum += leftover(o.free().gpus() - d.needed().gpus(), o.total().gpus());
      dims++;
    }
    return dims == 0 ? 0 : 100 * (1 - sum / dims);
  }

  /** 100 with none of the service there, 50 with one, 33 with two… ; 100 when not spreading. */
  static double spread(Demand d, Candidate c) {
    return 100.0 / (1 + c.instancesOf(d.service()));
  }

  /**
   * Linear from 100 at the center to 0 at the area's edge; without an edge, 50 at 100 km. An
   * unknown location scores 0.
   */
  static double proximity(GeoArea area, Candidate c) {
    if (c.location() == null) {
      return 0;
    }
    double km = area.center().distanceKm(c.location());
    if (!area.bounded()) {
      return 100 / (1 + km / 100);
    }
    if (area.radiusKm() == 0) {
      return km == 0 ? 100 : 0;
    }
    return 100 * Math.max(0, 1 - km / area.radiusKm());
  }

  static double weighted(Weights w, Demand d, Candidate c, Offer o) {
    double total = w.bestFit() * bestFit(d, o) + w.spread() * spread(d, c);
    double weights = w.bestFit() + w.spread();
    if (d.area() != null) {
      total += w.proximity() * proximity(d.area(), c);
      weights += w.proximity();
    }
    return weights == 0 ? 0 : total / weights;
  }

  private static double leftover(double left, double total) {
    return Math.min(1, Math.max(0, left / total));
  }
}
