package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CSI volume mounted into the service.
 *
 * @param volumeId the volume's id in its driver
 * @param csiDriver the CSI driver's name
 * @param mountPath an absolute path inside the workload; null when absent
 * @param config driver-specific settings; empty when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
    @JsonProperty("volume_id") String volumeId,
    @JsonProperty("csi_driver") String csiDriver,
    @JsonProperty("mount_path") String mountPath,
    @JsonProperty("config") Map<String, Object> config) {

  public Volume {
    config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
