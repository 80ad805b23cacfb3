package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code addresses} block of a service.
 *
 * @param rrIp the requested round-robin service address, a host address in 10.30.0.0/16; null when
 *     the root should allocate one
 * @param rrIpV6 the requested IPv6 service address; null when absent
 * @param closestIp Oakestra's closest-instance address; null when absent
 * @param instances Oakestra's instance address ranges ({@code from}, {@code to}, {@code start});
 *     kept, not used; empty when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Addresses(
    @JsonProperty("rr_ip") String rrIp,
    @JsonProperty("rr_ip_v6") String rrIpV6,
    @JsonProperty("closest_ip") String closestIp,
    @JsonProperty("instances") List<InstanceAddresses> instances) {

  public Addresses {
    // Oakestra's dashboard sends "" for "not set": keep one meaning for "absent".
    rrIp = blankToNull(rrIp);
    rrIpV6 = blankToNull(rrIpV6);
    closestIp = blankToNull(closestIp);
    instances = instances == null ? List.of() : List.copyOf(instances);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
