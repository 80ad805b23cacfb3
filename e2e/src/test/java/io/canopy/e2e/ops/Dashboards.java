package io.canopy.e2e.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped Grafana dashboards ({@code docker-compose/grafana/dashboards/*.json}) and every
 * PromQL query of their panels, so that tests can check the dashboards and evaluate each query
 * against a real Prometheus. Row panels are flattened: their nested panels count, they do not.
 */
public final class Dashboards {
  /** The uid of the provisioned Prometheus datasource every panel refers to. */
  public static final String DATASOURCE_UID = "prometheus";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Dashboards() {}

  /** One dashboard: its file, uid, title and its panels (rows flattened). */
  public record Dashboard(Path file, String uid, String title, List<Panel> panels) {}

  /**
   * One panel. {@code unit} is {@code fieldConfig.defaults.unit} (null when absent); {@code
   * queries} are the {@code expr} of its visible targets; {@code datasourceUids} the uids its
   * targets (or the panel itself) name.
   */
  public record Panel(
      int id,
      String title,
      String type,
      String unit,
      List<String> queries,
      List<String> datasourceUids) {}

  /** A PromQL query and where it comes from, for messages that name the panel. */
  public record Query(String dashboard, String panel, String expr) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + ": " + expr;
    }
  }

  public static Path folder() {
    return OpsFiles.dockerCompose().resolve("grafana").resolve("dashboards");
  }

  /** Every dashboard in the shipped folder, sorted by file name. */
  public static List<Dashboard> load() {
    return load(folder());
  }

  public static List<Dashboard> load(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(Dashboards::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the dashboards in " + folder, e);
    }
  }

  /** Every query of every panel of the shipped dashboards. */
  public static List<Query> queries() {
    return queries(load());
  }

  public static List<Query> queries(List<Dashboard> dashboards) {
    List<Query> queries = new ArrayList<>();
    for (Dashboard dashboard : dashboards) {
      for (Panel panel : dashboard.panels()) {
        for (String expr : panel.queries()) {
          queries.add(new Query(dashboard.title(), panel.title(), expr));
        }
      }
    }
    return queries;
  }

  /** Reads one dashboard file; fails with the file's name when it is not JSON. */
  public static Dashboard read(Path file) {
    try {
      return parse(file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Dashboard parse(Path file, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<Panel> panels = new ArrayList<>();
    collect(root.path("panels"), panels);
    return new Dashboard(file, text(root.path("uid")), text(root.path("title")), panels);
  }

  private static void collect(JsonNode panels, List<Panel> into) {
    for (JsonNode panel : panels) {
      if ("row".equals(text(panel.path("type")))) {
        collect(panel.path("panels"), into);
        continue;
      }
      List<String> queries = new ArrayList<>();
      List<String> uids = new ArrayList<>();
      addUid(panel.path("datasource"), uids);
      for (JsonNode target : panel.path("targets")) {
        if (target.path("hide").asBoolean(false)) {
          continue;
        }
        String expr = text(target.path("expr"));
        if (expr != null && !expr.isBlank()) {
          queries.add(expr.strip());
        }
        addUid(target.path("datasource"), uids);
      }
      into.add(
          new Panel(
              panel.path("id").asInt(-1),
              text(panel.path("title")),
              text(panel.path("type")),
              text(panel.path("fieldConfig").path("defaults").path("unit")),
              List.copyOf(queries),
              List.copyOf(uids)));
    }
  }

  private static void addUid(JsonNode datasource, List<String> uids) {
    String uid = datasource.isString() ? datasource.stringValue() : text(datasource.path("uid"));
    if (uid != null) {
      uids.add(uid);
    }
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.stringValue() : null;
  }
}
