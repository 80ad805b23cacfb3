package io.canopy.core.placement;

import io.canopy.sla.Microservice;
import io.canopy.wire.WireJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Small builders so the tables below read as data. */
final class Fixtures {
  private Fixtures() {}

  static Capacity cap(double vcpus, long memoryMb, int gpus) {
    return new Capacity(vcpus, memoryMb, gpus);
  }

  static Offer offer(String arch, String virt, Capacity free, Capacity total) {
    return new Offer(arch, virt, free, total);
  }

  /** An active amd64 container worker with 4 vcpus / 8192 MB total and the given free amount. */
  static Candidate worker(String id, Capacity free) {
    return new Candidate(
        id,
        "name-" + id,
        true,
        List.of(offer("amd64", "container", free, cap(4, 8192, 0))),
        Set.of(),
        null,
        Map.of());
  }

  static Demand container(Capacity needed) {
    return new Demand("container", Set.of(), needed, Set.of(), Set.of(), null);
  }

  // Absent numbers read as 0, as the SLA reader reads them.
  private static final JsonMapper JSON =
      WireJson.mapper()
          .rebuild()
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /** A microservice read from the JSON of one SLA service (Oakestra names). */
  static Microservice service(String json) {
    return JSON.readValue(json, Microservice.class);
  }
}
