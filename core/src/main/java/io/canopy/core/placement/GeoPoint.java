package io.canopy.core.placement;

import java.util.Locale;
import java.util.Optional;

/** A place on Earth in decimal degrees, as SLAs and cluster registrations write it ("lat,long"). */
public record GeoPoint(double latitude, double longitude) {

  private static final double EARTH_RADIUS_KM = 6371.0088;

  public GeoPoint {
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(
          "not a place on Earth: latitude " + latitude + ", longitude " + longitude);
    }
  }

  /** Reads {@code "48.1374,11.5755"} (spaces allowed); empty when the text is not such a pair. */
  public static Optional<GeoPoint> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split(",");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      double lat = Double.parseDouble(parts[0].strip());
      double lon = Double.parseDouble(parts[1].strip());
      if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        return Optional.empty();
      }
      return Optional.of(new GeoPoint(lat, lon));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Great-circle distance (haversine); plenty precise for "within 100 km". */
  public double distanceKm(GeoPoint other) {
    double dLat = Math.toRadians(other.latitude - latitude);
    double dLon = Math.toRadians(other.longitude - longitude);
    double a =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(Math.toRadians(latitude))
                * Math.cos(Math.toRadians(other.latitude))
                * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.4f,%.4f", latitude, longitude);
  }
}
