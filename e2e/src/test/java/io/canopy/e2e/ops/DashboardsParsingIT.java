package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Dashboards} reads a dashboard: rows flattened, hidden targets left out. */
class DashboardsParsingIT {
  private static final String DASHBOARD =
      """
      {
        "uid": "d1",
        "title": "Test board",
        "panels": [
          {"id": 1, "type": "stat", "title": "Up",
           "datasource": {"type": "prometheus", "uid": "prometheus"},
           "fieldConfig": {"defaults": {"unit": "short"}},
           "targets": [{"refId": "A", "expr": " up{job=\\"a\\"} "}]},
          {"id": 2, "type": "row", "title": "More", "collapsed": true,
           "panels": [
             {"id": 3, "type": "timeseries", "title": "Two queries",
              "fieldConfig": {"defaults": {"unit": "bytes"}},
              "targets": [
                {"refId": "A", "expr": "a_metric", "datasource": "prometheus"},
                {"refId": "B", "expr": "hidden_metric", "hide": true},
                {"refId": "C", "expr": "b_metric", "datasource": {"uid": "other"}}]}
           ]},
          {"id": 4, "type": "text", "title": "Notes"}
        ]
      }
      """;

  @Test
  void panelsOfRowsCountAndTheRowsDoNot() {
    Dashboards.Dashboard board = Dashboards.parse(Path.of("test.json"), DASHBOARD);

    assertThat(board.uid()).isEqualTo("d1");
    assertThat(board.title()).isEqualTo("Test board");
    assertThat(board.panels()).extracting(Dashboards.Panel::id).containsExactly(1, 3, 4);
    Dashboards.Panel nested = board.panels().get(1);
    assertThat(nested.title()).isEqualTo("Two queries");
    assertThat(nested.unit()).isEqualTo("bytes");
    assertThat(nested.queries()).containsExactly("a_metric", "b_metric");
    assertThat(nested.datasourceUids()).containsExactly("prometheus", "other");
  }

  @Test
  void aPanelWithoutUnitOrTargetsShowsThat() {
    Dashboards.Panel text = Dashboards.parse(Path.of("test.json"), DASHBOARD).panels().get(2);

    assertThat(text.unit()).isNull();
    assertThat(text.queries()).isEmpty();
  }

  @Test
  void queriesNameTheirDashboardAndPanelAndAreTrimmed() {
    List<Dashboards.Query> queries =
        Dashboards.queries(List.of(Dashboards.parse(Path.of("test.json"), DASHBOARD)));

    assertThat(queries)
        .containsExactly(
            new Dashboards.Query("Test board", "Up", "up{job=\"a\"}"),
            new Dashboards.Query("Test board", "Two queries", "a_metric"),
            new Dashboards.Query("Test board", "Two queries", "b_metric"));
  }

  @Test
  void theShippedDashboardsYieldQueries() {
    assertThat(Dashboards.queries()).hasSizeGreaterThan(30);
  }

  @Test
  void aFileThatIsNotJsonIsNamedInTheError() {
    assertThatThrownBy(() -> Dashboards.parse(Path.of("broken.json"), "{\"panels\": ["))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.json");
  }
}
