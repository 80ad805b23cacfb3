package io.canopy.core.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How rejection reasons write amounts: "4 vcpus", "0.5 vcpus", "1 GPU". */
final class Amounts {
  private Amounts() {}

  static String vcpus(double v) {
    return number(v) + (v == 1 ? " vcpu" : " vcpus");
  }

  static String gpus(int g) {
    return g + (g == 1 ? " GPU" : " GPUs");
  }

  static String number(double v) {
    return BigDecimal.valueOf(v)
        .setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
