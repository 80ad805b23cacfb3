package io.canopy.root.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.address.SubnetAllocator;
import io.canopy.root.auth.CurrentUser;
import io.canopy.root.channel.ClusterSessions;
import io.canopy.root.channel.CommandOutbox;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.overlay.OverlayRelay;
import io.canopy.root.scheduling.SchedulingLoop;
import io.canopy.root.user.Role;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.wire.cluster.ClusterRegistration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Clusters: registration tokens, registration, listing, their workers, deregistration. */
@RestController
@Tag(name = "Clusters")
class ClusterController {
  private final ClusterRegistry registry;
  private final ClusterStore clusters;
  private final ClusterSessions sessions;
  private final CommandOutbox outbox;
  private final InstanceStore instances;
  private final SubnetAllocator subnets;
  private final SchedulingLoop scheduling;
  private final ClusterProperties properties;
  private final OverlayRelay overlays;

  ClusterController(
      ClusterRegistry registry,
      ClusterStore clusters,
      ClusterSessions sessions,
      CommandOutbox outbox,
      InstanceStore instances,
      SubnetAllocator subnets,
      SchedulingLoop scheduling,
      ClusterProperties properties,
      OverlayRelay overlays) {
    this.registry = registry;
    this.clusters = clusters;
    this.sessions = sessions;
    this.outbox = outbox;
    this.instances = instances;
    this.subnets = subnets;
    this.scheduling = scheduling;
    this.properties = properties;
    this.overlays = overlays;
  }

  record TokenView(
      @JsonProperty("token") String token, @JsonProperty("expires_at") String expiresAt) {}

  @PostMapping("/api/clusters/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "A cluster registration token (admins and infrastructure providers)")
  TokenView token(@AuthenticationPrincipal CurrentUser me) {
    me.requireAny(Role.ADMIN, Role.INFRASTRUCTURE_PROVIDER);
    ClusterRegistry.IssuedToken t = registry.issueToken(me.userId());
    return new TokenView(t.token(), t.expiresAt().toString());
  }

  @PostMapping("/api/clusters/register")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register a cluster with a registration token → {cluster_id, credential}")
  ClusterRegistration.Accepted register(@RequestBody ClusterRegistration body) {
    return registry.register(body);
  }

  @GetMapping({"/api/clusters", "/api/clusters/"})
  @Operation(summary = "Every registered cluster with its resources and state")
  List<ClusterView> list() {
    Instant now = Instant.now();
    return clusters.all().stream().map(c -> view(c, now)).toList();
  }

  @GetMapping({"/api/clusters/active", "/api/clusters/active/"})
  @Operation(summary = "The clusters that reported within the heartbeat timeout (30 s)")
  List<ClusterView> active() {
    Instant now = Instant.now();
    return clusters.all().stream()
        .filter(c -> c.activeAt(now, properties.heartbeatTimeout()))
        .map(c -> view(c, now))
        .toList();
  }

  @GetMapping("/api/clusters/{id}/workers")
  @Operation(summary = "A cluster's workers, as it last reported them")
  List<WorkerView> workers(@PathVariable String id) {
    ClusterDocument c =
        clusters
            .byId(Ids.require(id, "cluster"))
            .orElseThrow(() -> ApiProblem.notFound("cluster", id));
    return c.resources().workers().stream().map(WorkerView::of).toList();
  }

  @DeleteMapping("/api/clusters/{id:[0-9a-fA-F]{24}}")
  @Operation(summary = "Deregister a cluster; its instances go back to the root scheduler")
  Map<String, String> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    me.requireAny(Role.ADMIN, Role.INFRASTRUCTURE_PROVIDER);
    ClusterDocument c =
        clusters
            .byId(Ids.require(id, "cluster"))
            .orElseThrow(() -> ApiProblem.notFound("cluster", id));
    clusters.delete(c.id());
    sessions.disconnect(c.id(), "deregistered");
    outbox.dropCluster(c.id());
    subnets.releaseCluster(c.id());
    overlays.forget(c.id());
    instances
        .onCluster(c.id())
        .forEach(
            i ->
                instances.update(
                    i.id(),
                    current ->
                        c.id().equals(current.clusterId()) && current.heldByCluster()
                            ? current.requestedAgain("cluster " + c.name() + " was deregistered")
                            : current));
    scheduling.kick();
    return Map.of("message", "cluster " + c.name() + " deregistered");
  }

  private ClusterView view(ClusterDocument c, Instant now) {
    return ClusterView.of(
        c, c.activeAt(now, properties.heartbeatTimeout()), sessions.connected(c.id()));
  }
}
