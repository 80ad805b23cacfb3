package io.canopy.core.placement;

/**
 * How much each scorer counts. The total score is the weighted mean of the scorers that apply
 * (proximity applies only when the demand names an area), so it stays 0–100 whatever the weights.
 *
 * @param bestFit the least leftover capacity after placing wins: keeps big holes for big instances
 * @param spread fewer instances of the same service already there wins: a lost worker takes fewer
 *     of a service's instances with it
 * @param proximity nearer to the demand's area wins
 */
public record Weights(double bestFit, double spread, double proximity) {

  /**
   * Best fit and spread count equally, so two instances of one small service land on different
   * workers even though best fit alone would stack them; proximity refines a geo-constrained
   * choice.
   */
  public static final Weights DEFAULT = new Weights(0.4, 0.4, 0.2);

  public Weights {
    if (!(bestFit >= 0) || !(spread >= 0) || !(proximity >= 0)) {
      throw new IllegalArgumentException("weights must be ≥ 0");
    }
    if (bestFit + spread + proximity == 0) {
      throw new IllegalArgumentException("at least one weight must be > 0");
    }
  }
}
