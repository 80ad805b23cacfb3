package io.canopy.core.placement;

import io.canopy.wire.Rejection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Placement as a pure function: filters reject candidates with a recorded reason, scorers rank the
 * rest, the best wins and ties go to the smallest id, so the same input always gives the same
 * answer. The root runs it over clusters ({@link Tier#ROOT}), a cluster over its workers ({@link
 * Tier#CLUSTER}).
 */
public final class Placement {
  // Scores closer than this are a tie: floating-point noise must not beat the id order.
  private static final double TIE = 1e-9;

  private final Tier tier;
  private final Weights weights;

  private Placement(Tier tier, Weights weights) {
    this.tier = tier;
    this.weights = weights;
  }

  public static Placement forTier(Tier tier) {
    return new Placement(tier, Weights.DEFAULT);
  }

  public Placement withWeights(Weights newWeights) {
    return new Placement(tier, newWeights);
  }

  /** Places with the default weights. */
  public static PlacementResult place(Tier tier, Demand demand, List<Candidate> candidates) {
    return forTier(tier).place(demand, candidates);
  }

  public PlacementResult place(Demand demand, List<Candidate> candidates) {
    List<Candidate> ordered =
        candidates == null
            ? List.of()
            : candidates.stream().sorted(Comparator.comparing(Candidate::id)).toList();
    List<Rejection> rejections = new ArrayList<>();
    int active = 0;
    int qualified = 0;
    Candidate best = null;
    double bestScore = -1;
    for (Candidate c : ordered) {
      Optional<String> reason = Filters.ACTIVE.reject(demand, c);
      if (reason.isEmpty()) {
        active++;
        reason = firstRejection(demand, c);
      }
      if (reason.isEmpty()) {
        qualified++;
        Fit fit = fit(demand, c);
        if (fit.reason() != null) {
          reason = Optional.of(fit.reason());
        } else if (fit.score() > bestScore + TIE) {
          best = c;
          bestScore = fit.score();
        }
      }
      reason.ifPresent(r -> rejections.add(new Rejection(c.id(), c.name(), r)));
    }
    if (best != null) {
      return new PlacementResult.Placed(best, bestScore, rejections);
    }
    if (active == 0) {
      return new PlacementResult.Unschedulable(tier.noActive(), rejections);
    }
    return new PlacementResult.Unschedulable(
        qualified > 0 ? tier.noCapacity() : tier.noQualified(), rejections);
  }

  private static Optional<String> firstRejection(Demand demand, Candidate c) {
    for (Filters.Filter f : Filters.QUALIFICATION) {
      Optional<String> reason = f.reject(demand, c);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  /** The candidate's best-scoring usable offer, or why none can take the demand now. */
  private Fit fit(Demand demand, Candidate c) {
    List<Offer> usable = Filters.usableOffers(demand, c);
    List<String> shortfalls = new ArrayList<>();
    double best = -1;
    for (Offer o : usable) {
      List<String> missing = Filters.shortfalls(demand.needed(), o);
      if (missing.isEmpty()) {
        best = Math.max(best, Scorers.weighted(weights, demand, c, o));
      } else {
        String prefix = usable.size() > 1 ? o.arch() + "/" + o.virtualization() + ": " : "";
        shortfalls.add(prefix + String.join("; ", missing));
      }
    }
    if (best < 0) {
      return new Fit(String.join("; ", shortfalls), 0);
    }
    Optional<String> ports = Filters.HOST_PORTS.reject(demand, c);
    return ports.isPresent() ? new Fit(ports.get(), 0) : new Fit(null, best);
  }

  private record Fit(String reason, double score) {}
}
