package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana dashboards: each parses, is titled, and every panel is usable as shipped. */
class DashboardsIT {
  private static final Pattern CANOPY_METRIC = Pattern.compile("\\bcanopy_[a-z_]+");
  private static final Pattern JOB = Pattern.compile("job=\"([^\"]+)\"");

  private final List<Dashboards.Dashboard> dashboards = Dashboards.load();

  @Test
  void theThreeDashboardsAreThereWithTheirTitles() {
    assertThat(dashboards)
        .extracting(Dashboards.Dashboard::title)
        .containsExactlyInAnyOrder("Canopy overview", "Cluster", "Worker");
    assertThat(dashboards)
        .extracting(Dashboards.Dashboard::uid)
        .doesNotContainNull()
        .doesNotHaveDuplicates();
  }

  @Test
  void everyPanelHasATitleAUnitAndAPromQlQueryOnTheProvisionedDatasource() {
    for (Dashboards.Dashboard dashboard : dashboards) {
      assertThat(dashboard.panels()).as(dashboard.title()).isNotEmpty();
      assertThat(dashboard.panels())
          .as("panel ids of %s", dashboard.title())
          .extracting(Dashboards.Panel::id)
          .doesNotHaveDuplicates();
      for (Dashboards.Panel panel : dashboard.panels()) {
        String where = dashboard.title() + " / panel " + panel.id() + " " + panel.title();
        assertThat(panel.title()).as(where + ": title").isNotBlank();
        assertThat(panel.unit()).as(where + ": unit").isNotBlank();
        assertThat(panel.queries()).as(where + ": queries").isNotEmpty();
        assertThat(panel.datasourceUids())
            .as(where + ": datasource")
            .isNotEmpty()
            .containsOnly(Dashboards.DATASOURCE_UID);
      }
    }
  }

  @Test
  void theProvisionedDatasourceHasTheUidThePanelsUse() throws IOException {
    Path datasources =
        OpsFiles.dockerCompose().resolve("grafana/provisioning/datasources/prometheus.yml");
    assertThat(Files.readString(datasources)).contains("uid: " + Dashboards.DATASOURCE_UID);
    Path providers = OpsFiles.dockerCompose().resolve("grafana/provisioning/dashboards/canopy.yml");
    assertThat(Files.readString(providers)).contains("path: /var/lib/grafana/dashboards");
  }

  @Test
  void everyQueryIsValidPromQl(@TempDir Path dir) throws IOException {
    String promtool = Requirements.require("promtool", "Install it: apt-get install prometheus");
    List<Dashboards.Query> queries = Dashboards.queries(dashboards);
    StringBuilder rules = new StringBuilder("groups:\n  - name: panels\n    rules:\n");
    for (int i = 0; i < queries.size(); i++) {
      rules
          .append("      - record: panel_query_")
          .append(i)
          .append("\n        expr: '")
          .append(queries.get(i).expr().replace("'", "''"))
          .append("'\n");
    }
    Path file = Files.writeString(dir.resolve("panels.yml"), rules);
    Commands.Result result = Commands.run(List.of(promtool, "check", "rules", file.toString()), 60);
    assertThat(result.ok()).as("promtool check rules:\n" + result.output()).isTrue();
    assertThat(result.output()).contains(queries.size() + " rules found");
  }

  @Test
  void queriesRunAsTheyAreWithoutGrafanaVariables() {
    assertThat(Dashboards.queries(dashboards))
        .allSatisfy(q -> assertThat(q.expr()).as(q.toString()).doesNotContain("$"));
  }

  @Test
  void queriesSelectTheJobsTheShippedPrometheusConfigsDefine() throws IOException {
    Set<String> jobs = new TreeSet<>();
    for (Dashboards.Query query : Dashboards.queries(dashboards)) {
      Matcher m = JOB.matcher(query.expr());
      assertThat(m.find()).as(query + " selects a job").isTrue();
      do {
        jobs.add(m.group(1));
      } while (m.find());
    }
    assertThat(jobs).containsExactlyInAnyOrderElementsOf(ScrapeConfigs.JOBS);
    String oneDoc = Files.readString(OpsFiles.dockerCompose().resolve("prometheus/1-doc.yml"));
    assertThat(jobs).allSatisfy(job -> assertThat(oneDoc).contains("job_name: " + job));
  }

  @Test
  void everyCanopyMetricOfThePanelsIsDocumented() throws IOException {
    String operations = Files.readString(OpsFiles.repo().resolve("docs/operations.md"));
    Set<String> metrics = new HashSet<>();
    for (Dashboards.Query query : Dashboards.queries(dashboards)) {
      Matcher m = CANOPY_METRIC.matcher(query.expr());
      while (m.find()) {
        metrics.add(m.group().replaceAll("_(bucket|sum|count)$", ""));
      }
    }
    assertThat(metrics).isNotEmpty();
    assertThat(metrics)
        .allSatisfy(metric -> assertThat(operations).as("docs/operations.md").contains(metric));
  }
}
