package io.canopy.wire.net;

/**
 * One live instance behind a service IP.
 *
 * @param instanceId the instance's id, for logs and status only
 * @param instanceIp its address in the subnet of the worker that hosts it
 * @param underlay the underlay address of that worker
 */
public record ServiceInstance(String instanceId, String instanceIp, String underlay) {}
