package io.canopy.node.runtime.docker;

/**
 * The labels every Canopy container carries (a cross-tier fact: e2e tests and operators use them).
 */
public final class CanopyLabels {
  public static final String INSTANCE_ID = "io.canopy.instance-id";
  public static final String NODE_ID = "io.canopy.node-id";
  public static final String SERVICE = "io.canopy.service";
  public static final String MANAGED = "io.canopy.managed";

  /**
   * Whether exit 0 means COMPLETED; lets a restarted engine judge containers it has no file for.
   */
  public static final String ONE_SHOT = "io.canopy.one-shot";

  private CanopyLabels() {}
}
