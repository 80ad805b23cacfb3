package io.canopy.core.placement;

import static io.canopy.core.placement.Fixtures.cap;
import static io.canopy.core.placement.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every filter, one candidate at a time: it is rejected with exactly this reason, or chosen. */
class FiltersTest {

  private static final Capacity TOTAL = cap(4, 8192, 1);
  private static final Capacity FREE = cap(2, 1024, 1);
  private static final GeoPoint MUNICH = new GeoPoint(48.1374, 11.5755);
  private static final GeoPoint BERLIN = new GeoPoint(52.52, 13.405);

  static Stream<Arguments> table() {
    return Stream.of(
        row("active passes", demand(cap(1, 512, 0)), base(), null),
        row(
            "inactive is rejected",
            demand(cap(1, 512, 0)),
            base().active(false),
            "not active: no recent report"),
        row(
            "virtualization missing",
            demand(cap(1, 512, 0)).virt("unikernel"),
            base(),
            "runs no unikernel (runs container)"),
        row(
            "no runtime at all",
            demand(cap(1, 512, 0)),
            base().noOffers(),
            "runs no container (no runtime available)"),
        row("docker reads as container", demand(cap(1, 512, 0)).virt("docker"), base(), null),
        row(
            "arch missing",
            demand(cap(1, 512, 0)).arches("arm64", "riscv64"),
            base(),
            "needs arch arm64 or riscv64 for container, has amd64"),
        row("arch present", demand(cap(1, 512, 0)).arches("AMD64"), base(), null),
        row("vcpus short", demand(cap(4, 512, 0)), base(), "needs 4 vcpus, 2 free"),
        row("fractional vcpus short", demand(cap(2.5, 512, 0)), base(), "needs 2.5 vcpus, 2 free"),
        row("memory short", demand(cap(1, 4096, 0)), base(), "needs 4096 MB memory, 1024 MB free"),
        row("gpus short", demand(cap(1, 512, 2)), base(), "needs 2 GPUs, 1 free"),
        row(
            "every short dimension is named",
            demand(cap(8, 9000, 3)),
            base(),
            "needs 8 vcpus, 2 free; needs 9000 MB memory, 1024 MB free; needs 3 GPUs, 1 free"),
        row("exact fit passes", demand(FREE), base(), null),
        row(
            "host port in use",
            demand(cap(1, 512, 0)).ports(PortClaim.tcp(8080)),
            base().usedPorts(PortClaim.tcp(8080)),
            "host port 8080/tcp already in use"),
        row(
            "same port number, other protocol, is free",
            demand(cap(1, 512, 0)).ports(new PortClaim(53, "udp")),
            base().usedPorts(PortClaim.tcp(53)),
            null),
        row(
            "two host ports in use",
            demand(cap(1, 512, 0)).ports(PortClaim.tcp(80), PortClaim.tcp(443)),
            base().usedPorts(PortClaim.tcp(80), PortClaim.tcp(443)),
            "host ports 443/tcp, 80/tcp already in use"),
        row(
            "not among the allowed",
            demand(cap(1, 512, 0)).allowed("edge-a", "edge-b"),
            base(),
            "not among the allowed: edge-a, edge-b"),
        row("allowed by id", demand(cap(1, 512, 0)).allowed("w1"), base(), null),
        row("allowed by name", demand(cap(1, 512, 0)).allowed("name-w1"), base(), null),
        row(
            "outside the geo area",
            demand(cap(1, 512, 0)).area(new GeoArea(MUNICH, 100)),
            base().at(BERLIN),
            "504 km from 48.1374,11.5755, more than the 100 km allowed"),
        row(
            "inside the geo area",
            demand(cap(1, 512, 0)).area(new GeoArea(MUNICH, 600)),
            base().at(BERLIN),
            null),
        row(
            "unknown location with a geo area",
            demand(cap(1, 512, 0)).area(new GeoArea(MUNICH, 100)),
            base(),
            "location unknown; the service must run within 100 km of 48.1374,11.5755"),
        row(
            "unbounded area only prefers, never rejects",
            demand(cap(1, 512, 0)).area(GeoArea.near(MUNICH)),
            base(),
            null),
        row(
            "qualification is reported before capacity",
            demand(cap(64, 512, 0)).arches("arm64"),
            base(),
            "needs arch arm64 for container, has amd64"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void filter(String description, DemandRow demand, CandidateRow candidate, String reason) {
    PlacementResult result =
        Placement.place(Tier.CLUSTER, demand.build(), List.of(candidate.build()));

    if (reason == null) {
      assertThat(result).isInstanceOf(PlacementResult.Placed.class);
      assertThat(result.rejections()).isEmpty();
    } else {
      assertThat(result).isInstanceOf(PlacementResult.Unschedulable.class);
      assertThat(result.rejections()).containsExactly(new Rejection("w1", "name-w1", reason));
    }
  }

  private static Arguments row(String d, DemandRow demand, CandidateRow c, String reason) {
    return Arguments.of(d, demand, c, reason);
  }

  private static DemandRow demand(Capacity needed) {
    return new DemandRow("container", Set.of(), needed, Set.of(), Set.of(), null);
  }

  private static CandidateRow base() {
    return new CandidateRow(
        true, List.of(offer("amd64", "container", FREE, TOTAL)), Set.of(), null);
  }

  record DemandRow(
      String virt,
      Set<String> arches,
      Capacity needed,
      Set<PortClaim> ports,
      Set<String> allowed,
      GeoArea area) {
    DemandRow virt(String v) {
      return new DemandRow(v, arches, needed, ports, allowed, area);
    }

    DemandRow arches(String... a) {
      return new DemandRow(virt, Set.of(a), needed, ports, allowed, area);
    }

    DemandRow ports(PortClaim... p) {
      return new DemandRow(virt, arches, needed, Set.of(p), allowed, area);
    }

    DemandRow allowed(String... a) {
      return new DemandRow(virt, arches, needed, ports, Set.of(a), area);
    }

    DemandRow area(GeoArea a) {
      return new DemandRow(virt, arches, needed, ports, allowed, a);
    }

    Demand build() {
      return new Demand(virt, arches, needed, ports, allowed, area);
    }
  }

  record CandidateRow(boolean active, List<Offer> offers, Set<PortClaim> ports, GeoPoint location) {
    CandidateRow active(boolean a) {
      return new CandidateRow(a, offers, ports, location);
    }

    CandidateRow noOffers() {
      return new CandidateRow(active, List.of(), ports, location);
    }

    CandidateRow usedPorts(PortClaim... p) {
      return new CandidateRow(active, offers, Set.of(p), location);
    }

    CandidateRow at(GeoPoint p) {
      return new CandidateRow(active, offers, ports, p);
    }

    Candidate build() {
      return new Candidate("w1", "name-w1", active, offers, ports, location, Map.of());
    }
  }
}
