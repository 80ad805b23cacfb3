package io.canopy.core.placement;

import io.canopy.wire.Rejection;
import io.canopy.wire.SchedulingFailure;
import java.util.List;

/** The outcome of a placement: an expected result either way, never an exception. */
public sealed interface PlacementResult {

  /** Why each candidate that was filtered out was; candidates that only scored lower are absent. */
  List<Rejection> rejections();

  /**
   * @param chosen the best candidate
   * @param score its weighted score, 0–100
   */
  record Placed(Candidate chosen, double score, List<Rejection> rejections)
      implements PlacementResult {
    public Placed {
      rejections = List.copyOf(rejections);
    }
  }

  record Unschedulable(SchedulingFailure failure, List<Rejection> rejections)
      implements PlacementResult {
    public Unschedulable {
      rejections = List.copyOf(rejections);
    }
  }
}
