package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two SLAs of Oakestra's README (the seed) read clean, and the helpers see them right. */
class SeedSlaTest {

  @Test
  void clientServerApplicationReadsClean() {
    SlaReadResult result = SlaReader.read(SlaDocs.valid("seed_clientsrvr.json"));

    assertThat(result.violations()).isEmpty();
    assertThat(result.valid()).isTrue();
    Sla sla = result.sla();
    assertThat(sla.slaVersion()).isEqualTo("v2.0");
    assertThat(sla.customerId()).isEqualTo("Admin");
    Application app = sla.applications().get(0);
    assertThat(app.applicationId()).isEmpty();
    assertThat(app.fullName()).isEqualTo("clientsrvr.test");
    Microservice curl = app.microservices().get(0);
    Microservice nginx = app.microservices().get(1);
    assertThat(curl.fullName(app)).isEqualTo("clientsrvr.test.curl.test");
    assertThat(nginx.fullName(app)).isEqualTo("clientsrvr.test.nginx.test");
    assertThat(curl.cmd()).containsExactly("sh", "-c", "curl 10.30.55.55 ; sleep 5");
    assertThat(curl.ports()).isEmpty();
    assertThat(curl.addresses().rrIp()).isNull();
    assertThat(nginx.ports()).containsExactly(new PortMapping(80, 80, "tcp"));
    assertThat(nginx.addresses().rrIp()).isEqualTo("10.30.55.55");
    assertThat(nginx.virtualizationKind()).isEqualTo(Virtualization.CONTAINER);
    assertThat(nginx.resources()).isEqualTo(new ResourceRequest(1, 100, 0));
    assertThat(nginx.codes()).containsExactly("docker.io/library/nginx:latest");
    assertThat(nginx.oneShot()).isFalse();
  }

  @Test
  void nginxUnikernelReadsClean() {
    SlaReadResult result = SlaReader.read(SlaDocs.valid("seed_nginx_unikernel.json"));

    assertThat(result.violations()).isEmpty();
    Application app = result.sla().applications().get(0);
    Microservice nginx = app.microservices().get(0);
    assertThat(nginx.virtualizationKind()).isEqualTo(Virtualization.UNIKERNEL);
    assertThat(nginx.codes())
        .containsExactly(
            "https://github.com/Sabanic-P/app-nginx/releases/download/v1.0/kernel.tar.gz");
    assertThat(nginx.arch()).containsExactly("amd64");
    assertThat(nginx.ports()).containsExactly(new PortMapping(80, 80, "tcp"));
    assertThat(nginx.addresses().rrIp()).isEqualTo("10.30.30.26");
    assertThat(nginx.fullName(app)).isEqualTo("nginx.test.nginx.test");
  }

  @Test
  void fullFeaturedFixtureFillsEveryRecord() {
    Sla sla = SlaReader.read(SlaDocs.valid("full_featured.json")).sla();

    Microservice web = sla.applications().get(0).microservices().get(0);
    assertThat(web.environment()).containsExactly("MODE=production", "EMPTY=");
    assertThat(web.ports())
        .containsExactly(
            new PortMapping(80, 8080, "tcp"),
            new PortMapping(53, 53, "udp"),
            new PortMapping(9000, 9000, "tcp"));
    assertThat(web.resources()).isEqualTo(new ResourceRequest(0.5, 256, 0));
    assertThat(web.addresses())
        .isEqualTo(
            new Addresses(
                "10.30.0.10",
                "fdff:2000::10",
                "10.30.0.11",
                List.of(new InstanceAddresses("10.30.0.20", "10.30.0.29", "10.30.0.20"))));
    assertThat(web.directNodes()).containsExactly("edge1", "edge2");
    assertThat(web.directClusters()).containsExactly("munich");
    assertThat(web.allowedClusters()).containsExactly("munich", "berlin");
    Constraint latency = web.constraintsOf(ConstraintType.LATENCY).get(0);
    assertThat(latency)
        .isEqualTo(
            new Constraint("latency", null, null, List.of(), "munich-1", 100.0, 0.99, 300.0, null));
    assertThat(web.constraintsOf(ConstraintType.GEO).get(0).geoCircle())
        .contains(new GeoCircle(48.137, 11.575, 25));
    assertThat(web.connectivity())
        .containsExactly(
            new Connectivity("db", List.of(new ConConstraint("latency", 50.0, 0.9, 300.0))));
    assertThat(web.volumes().get(0).volumeId()).isEqualTo("shop-data");
    assertThat(web.volumes().get(0).config()).containsEntry("size", "1Gi");
    assertThat(web.slaViolationStrategy()).isEqualTo("redeploy");
    assertThat(sla.args()).containsEntry("note", "free-form");

    Microservice cache = sla.applications().get(0).microservices().get(1);
    assertThat(cache.codes())
        .containsExactly(
            "https://kernels.example.com/cache_x86.tar.gz", "file:///srv/kernels/cache_arm.tar.gz");
    assertThat(cache.arch()).containsExactly("amd64", "arm64");
    assertThat(cache.oneShot()).isTrue();
    assertThat(cache.cmd()).isEmpty();
    assertThat(cache.vgpus()).isZero();
    assertThat(cache.addresses().rrIp()).isNull();
  }

  @Test
  void dockerIsASynonymOfContainer() {
    var doc = SlaDocs.tree(SlaDocs.valid("seed_clientsrvr.json"));
    SlaDocs.set(doc, "/applications/0/microservices/0/virtualization", "\"docker\"");

    Microservice curl =
        SlaReader.read(doc.toString()).sla().applications().get(0).microservices().get(0);

    assertThat(curl.virtualization()).isEqualTo("docker");
    assertThat(curl.virtualizationKind()).isEqualTo(Virtualization.CONTAINER);
  }

  @Test
  void unknownPropertiesAndNullOptionalsAreIgnored() {
    var doc = SlaDocs.tree(SlaDocs.valid("seed_clientsrvr.json"));
    SlaDocs.set(doc, "/api_version", "\"v0.3.0\"");
    SlaDocs.set(doc, "/applications/0/extra", "{\"a\":[1,2]}");
    SlaDocs.set(doc, "/applications/0/microservices/0/addresses", "null");
    SlaDocs.set(doc, "/applications/0/microservices/0/memory", "null");
    SlaDocs.set(doc, "/applications/0/microservices/0/memory", "100.0");
    SlaDocs.set(doc, "/applications/0/microservices/1/addresses/rr_ip_v6", "\"\"");

    SlaReadResult result = SlaReader.read(doc.toString());

    assertThat(result.violations()).isEmpty();
    Microservice curl = result.sla().applications().get(0).microservices().get(0);
    assertThat(curl.memory()).isEqualTo(100);
    assertThat(curl.addresses().rrIp()).isNull();
    assertThat(result.sla().applications().get(0).microservices().get(1).addresses().rrIpV6())
        .isNull();
  }
}
