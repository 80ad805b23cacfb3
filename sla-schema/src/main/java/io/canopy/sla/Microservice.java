package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One service of an application, with Oakestra's JSON names. Absent lists read as empty, absent
 * numbers as 0, absent booleans as false.
 *
 * @param microserviceId empty (or absent) for a new service
 * @param microserviceName 1–30 letters or digits
 * @param microserviceNamespace 1–30 letters or digits
 * @param virtualization {@code container}, {@code docker} (same as container) or {@code unikernel}
 * @param cmd the command (containers) or kernel arguments (unikernels)
 * @param environment {@code KEY=VALUE} entries
 * @param memory MB per instance
 * @param vcpus virtual CPUs per instance
 * @param code an OCI image reference, or comma-separated {@code .tar.gz} kernel URLs
 * @param arch one architecture per {@code code} entry for unikernels
 * @param port {@code host[:container][/tcp|udp]} entries separated by {@code ;}; "" when none
 * @param addresses never null; its fields are null when not requested
 * @param oneShot an instance that exits 0 is complete and not restarted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Microservice(
    @JsonProperty("microserviceID") String microserviceId,
    @JsonProperty("microservice_name") String microserviceName,
    @JsonProperty("microservice_namespace") String microserviceNamespace,
    @JsonProperty("virtualization") String virtualization,
    @JsonProperty("cmd") List<String> cmd,
    @JsonProperty("environment") List<String> environment,
    @JsonProperty("memory") long memory,
    @JsonProperty("vcpus") double vcpus,
    @JsonProperty("vgpus") int vgpus,
    @JsonProperty("vtpus") int vtpus,
    @JsonProperty("bandwidth_in") long bandwidthIn,
    @JsonProperty("bandwidth_out") long bandwidthOut,
    @JsonProperty("storage") long storage,
    @JsonProperty("code") String code,
    @JsonProperty("arch") List<String> arch,
    @JsonProperty("state") String state,
    @JsonProperty("port") String port,
    @JsonProperty("addresses") Addresses addresses,
    @JsonProperty("added_files") List<String> addedFiles,
    @JsonProperty("one_shot") boolean oneShot,
    @JsonProperty("privileged") boolean privileged,
    @JsonProperty("constraints") List<Constraint> constraints,
    @JsonProperty("connectivity") List<Connectivity> connectivity,
    @JsonProperty("volumes") List<Volume> volumes,
    @JsonProperty("sla_violation_strategy") String slaViolationStrategy,
    @JsonProperty("target_node") String targetNode) {

  public Microservice {
    microserviceId = microserviceId == null ? "" : microserviceId;
    cmd = listOf(cmd);
    environment = listOf(environment);
    arch = listOf(arch);
    state = state == null ? "" : state;
    port = port == null ? "" : port;
    addresses = addresses == null ? new Addresses(null, null, null, List.of()) : addresses;
    addedFiles = listOf(addedFiles);
    constraints = listOf(constraints);
    connectivity = listOf(connectivity);
    volumes = listOf(volumes);
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** The virtualization as an enum; {@code docker} is {@link Virtualization#CONTAINER}. */
  public Virtualization virtualizationKind() {
    return Virtualization.of(virtualization);
  }

  /** The parsed {@code port} field; empty when none. */
  public List<PortMapping> ports() {
    return PortMapping.parseAll(port);
  }

  /** What one instance asks of a worker. */
  public ResourceRequest resources() {
    return ResourceRequest.of(this);
  }

  /**
   * The {@code code} entries: one image reference for a container, one kernel URL per entry for a
   * unikernel (the same order as {@link #arch()}).
   */
  public List<String> codes() {
    return PackedList.entries(code, ',');
  }

  /** Workers named by {@code direct} constraints; empty means any worker. */
  public List<String> directNodes() {
    Set<String> nodes = new LinkedHashSet<>();
    constraintsOf(ConstraintType.DIRECT).forEach(c -> nodes.addAll(c.nodes()));
    return List.copyOf(nodes);
  }

  /** Clusters named by {@code direct} constraints; empty means any cluster. */
  public List<String> directClusters() {
    Set<String> clusters = new LinkedHashSet<>();
    constraintsOf(ConstraintType.DIRECT).stream()
        .map(Constraint::cluster)
        .filter(c -> c != null && !c.isBlank())
        .forEach(clusters::add);
    return List.copyOf(clusters);
  }

  /** Clusters listed by {@code clusters} constraints; empty means any cluster. */
  public List<String> allowedClusters() {
    Set<String> clusters = new LinkedHashSet<>();
    constraintsOf(ConstraintType.CLUSTERS).forEach(c -> clusters.addAll(c.allowed()));
    return List.copyOf(clusters);
  }

  /** The constraints of one type, in SLA order. */
  public List<Constraint> constraintsOf(ConstraintType type) {
    return constraints.stream().filter(c -> c.kind().orElse(null) == type).toList();
  }

  /** {@code app.appns.svc.svcns}, the service's name everywhere in Canopy. */
  public String fullName(Application app) {
    return fullName(app.applicationName(), app.applicationNamespace());
  }

  /** {@code app.appns.svc.svcns} given the application's name and namespace. */
  public String fullName(String applicationName, String applicationNamespace) {
    return applicationName
        + "."
        + applicationNamespace
        + "."
        + microserviceName
        + "."
        + microserviceNamespace;
  }
}
