package io.canopy.sla;

/**
 * What one instance of a service needs from a worker; what the schedulers compare with capacity.
 *
 * @param vcpus virtual CPUs (fractions allowed)
 * @param memoryMb memory in MB
 * @param gpus GPUs
 */
public record ResourceRequest(double vcpus, long memoryMb, int gpus) {

  public static ResourceRequest of(Microservice service) {
    return new ResourceRequest(service.vcpus(), service.memory(), service.vgpus());
  }
}
