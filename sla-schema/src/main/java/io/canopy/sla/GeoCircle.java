package io.canopy.sla;

/**
 * A geo constraint's {@code location}: a circle on the earth.
 *
 * @param latitude degrees, −90 to 90
 * @param longitude degrees, −180 to 180
 * @param radiusKm greater than 0
 */
public record GeoCircle(double latitude, double longitude, double radiusKm) {

  /**
   * Parses {@code lat,long,radius_km}.
   *
   * @throws IllegalArgumentException with a plain-English reason when the text is not one
   */
  public static GeoCircle parse(String location) {
    String problem = problem(location);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    String[] p = location.split(",", -1);
    return new GeoCircle(
        Double.parseDouble(p[0].trim()),
        Double.parseDouble(p[1].trim()),
        Double.parseDouble(p[2].trim()));
  }

  /** Why {@code location} is not {@code lat,long,radius_km}, or null when it is. */
  static String problem(String location) {
    String[] p = location.split(",", -1);
    if (p.length != 3) {
      return quote(location) + " is not lat,long,radius_km";
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      try {
        v[i] = Double.parseDouble(p[i].trim());
      } catch (NumberFormatException e) {
        return quote(location) + " is not lat,long,radius_km";
      }
      if (!Double.isFinite(v[i]) || p[i].isBlank() || !p[i].trim().matches("[-+]?[0-9.]+")) {
        return quote(location) + " is not lat,long,radius_km";
      }
    }
    if (v[0] < -90 || v[0] > 90) {
      return "latitude " + p[0].trim() + " is outside -90..90";
    }
    if (v[1] < -180 || v[1] > 180) {
      return "longitude " + p[1].trim() + " is outside -180..180";
    }
    if (v[2] <= 0) {
      return "radius " + p[2].trim() + " km must be greater than 0";
    }
    return null;
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
