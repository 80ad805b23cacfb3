package io.canopy.wire;

/**
 * Why one candidate (a cluster at the root, a worker in a cluster) was not chosen.
 *
 * @param candidateId the cluster or node id
 * @param candidateName its human name
 * @param reason plain English, e.g. "needs 4096 MB memory, 1024 MB free"
 */
public record Rejection(String candidateId, String candidateName, String reason) {}
