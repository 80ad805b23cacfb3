package io.canopy.core.placement;

import java.util.Locale;

/**
 * Where a service wants to run: near {@code center}, and no farther than {@code radiusKm} from it.
 * An infinite radius means "prefer near" without a hard limit (a {@code geo} constraint without a
 * threshold).
 */
public record GeoArea(GeoPoint center, double radiusKm) {

  public GeoArea {
    if (center == null) {
      throw new IllegalArgumentException("a geo area needs a center");
    }
    if (Double.isNaN(radiusKm) || radiusKm < 0) {
      throw new IllegalArgumentException("radius must be ≥ 0 km, was " + radiusKm);
    }
  }

  public static GeoArea near(GeoPoint center) {
    return new GeoArea(center, Double.POSITIVE_INFINITY);
  }

  public boolean bounded() {
    return !Double.isInfinite(radiusKm);
  }

  public boolean contains(GeoPoint point) {
    return center.distanceKm(point) <= radiusKm;
  }

  @Override
  public String toString() {
    return bounded()
        ? String.format(Locale.ROOT, "within %.0f km of %s", radiusKm, center)
        : "near " + center;
  }
}
