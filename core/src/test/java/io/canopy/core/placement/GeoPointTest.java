package io.canopy.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeoPointTest {

  @Test
  void parsesLatitudeCommaLongitude() {
    assertThat(GeoPoint.parse(" 48.1374, 11.5755 ")).contains(new GeoPoint(48.1374, 11.5755));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "48.1", "48.1,11.5,100", "north,east", "91,0", "0,181"})
  void refusesAnythingElse(String text) {
    assertThat(GeoPoint.parse(text)).isEmpty();
  }

  @Test
  void measuresGreatCircleDistance() {
    GeoPoint munich = new GeoPoint(48.1374, 11.5755);
    GeoPoint berlin = new GeoPoint(52.52, 13.405);
    assertThat(munich.distanceKm(berlin)).isCloseTo(504, offset(2.0));
    assertThat(berlin.distanceKm(munich)).isCloseTo(munich.distanceKm(berlin), offset(1e-9));
    assertThat(munich.distanceKm(munich)).isZero();
  }

  @Test
  void refusesPlacesOffEarth() {
    assertThatThrownBy(() -> new GeoPoint(90.5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeoArea(new GeoPoint(0, 0), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
