package io.canopy.root.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.canopy.root.address.SubnetAllocator;
import io.canopy.root.channel.ClusterSessions;
import io.canopy.root.channel.CommandOutbox;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.overlay.OverlayRelay;
import io.canopy.root.scheduling.SchedulingLoop;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.ProblemType;
import io.canopy.wire.cluster.ClusterRegistration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web slice of the cluster endpoints: paths, bodies and answer shapes, with the stores mocked
 * and the security filters left out (SecurityIT covers those on the whole app).
 */
@WebMvcTest(ClusterController.class)
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterControllerSliceTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ID = "6b025c13d40d9bc318dbce8f";

  @Autowired MockMvc mvc;
  @MockitoBean ClusterRegistry registry;
  @MockitoBean ClusterStore clusters;
  @MockitoBean ClusterSessions sessions;
  @MockitoBean CommandOutbox outbox;
  @MockitoBean InstanceStore instances;
  @MockitoBean SubnetAllocator subnets;
  @MockitoBean SchedulingLoop scheduling;
  @MockitoBean OverlayRelay overlays;

  @Test
  void registerMapsItsBodyAndAnswers201() throws Exception {
    when(registry.register(any())).thenReturn(new ClusterRegistration.Accepted(ID, "cc_secret"));
    MvcResult r =
        mvc.perform(
                post("/api/clusters/register")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"cluster_name\":\"a\",\"location\":\"1,2\",\"token\":\"t\"}"))
            .andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(201);
    JsonNode body = JSON.readTree(r.getResponse().getContentAsString());
    assertThat(body.get("cluster_id").asString()).isEqualTo(ID);
    assertThat(body.get("credential").asString()).isEqualTo("cc_secret");
  }

  @Test
  void registerErrorsAreProblems() throws Exception {
    when(registry.register(any()))
        .thenThrow(new ApiProblem(ProblemType.INVALID_TOKEN, "unknown token"));
    MvcResult refused =
        mvc.perform(
                post("/api/clusters/register")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"cluster_name\":\"a\",\"location\":\"1,2\",\"token\":\"t\"}"))
            .andReturn();
    assertThat(refused.getResponse().getStatus()).isEqualTo(401);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    MvcResult malformed =
        mvc.perform(
                post("/api/clusters/register")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"cluster_name\":"))
            .andReturn();
    assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.getResponse().getContentAsString()).get("type").asString())
        .isEqualTo("https://canopy.io/problems/malformed-json");
  }

  @Test
  void listsClustersInOakestrasShapeAndTheirWorkers() throws Exception {
    ClusterDocument c =
        new ClusterDocument(ID, "site-a", "48.1,11.5", "h", Instant.now(), Instant.now(), null, 3);
    when(clusters.all()).thenReturn(List.of(c));
    when(clusters.byId(ID)).thenReturn(Optional.of(c));
    when(sessions.connected(ID)).thenReturn(true);
    JsonNode list =
        JSON.readTree(
            mvc.perform(get("/api/clusters/")).andReturn().getResponse().getContentAsString());
    assertThat(list.get(0).get("_id").get("$oid").asString()).isEqualTo(ID);
    assertThat(list.get(0).get("cluster_name").asString()).isEqualTo("site-a");
    assertThat(list.get(0).get("active").asBoolean()).isTrue();
    assertThat(list.get(0).get("connected").asBoolean()).isTrue();
    for (String field :
        List.of(
            "cluster_location",
            "active_nodes",
            "aggregated_cpu_percent",
            "memory_in_mb",
            "total_cpu_cores",
            "total_gpu_cores",
            "virtualization")) {
      assertThat(list.get(0).has(field)).as(field).isTrue();
    }
    assertThat(
            JSON.readTree(
                mvc.perform(get("/api/clusters/active"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString()))
        .hasSize(1);
    assertThat(
            mvc.perform(get("/api/clusters/" + ID + "/workers"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
    MvcResult unknown =
        mvc.perform(get("/api/clusters/0123456789abcdef01234567/workers")).andReturn();
    assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
    assertThat(mvc.perform(get("/api/clusters/nope/workers")).andReturn().getResponse().getStatus())
        .isEqualTo(404);
  }
}
