package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of Oakestra's {@code addresses.instances}: an instance address range the user asks for.
 * Canopy reads and keeps it so Oakestra SLAs carrying it deploy unchanged; it does not use it to
 * allocate instance addresses (workers get their own subnets).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceAddresses(
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("start") String start) {}
