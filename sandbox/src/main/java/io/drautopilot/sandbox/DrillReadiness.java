package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What readiness-service says in the drill, read from its API ({@code GET /api/readiness}): before the fault, the
 * affected tables' score and their forecast by path; after it, the forecast against the restore the drill measured.
 */
final class DrillReadiness {

  /** readiness-service's consumer group of the results and timeline it rebuilds its history from. */
  static final String EVIDENCE_GROUP = "readiness-service-evidence";

  /** One path's forecast for one table: its restore P50 / P90 to the millisecond, the RTO and RPO in seconds. */
  record PathForecast(
      String path,
      boolean available,
      long p50Millis,
      long p90Millis,
      String basis,
      int runs,
      long rtoP50Seconds,
      long rtoP90Seconds,
      Long rpoSeconds,
      boolean meetsRto,
      boolean meetsRpo,
      List<String> reasons) {}

  /** One table's assessment. */
  record TableReadiness(
      String table,
      long itemCount,
      int score,
      String chosenPath,
      String choiceReason,
      boolean meetsTargets,
      List<PathForecast> paths) {

    Optional<PathForecast> path(String name) {
      return paths.stream().filter(p -> p.path().equals(name)).findFirst();
    }
  }

  /** The assessment of every protected table, with the targets it was made against. */
  record Assessment(
      String assessedAt,
      long rtoTargetSeconds,
      long rpoTargetSeconds,
      int score,
      Map<String, TableReadiness> tables) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private DrillReadiness() {}

  /**
   * Waits until readiness-service has read the results and the timeline to their end (its consumer group's committed
   * offsets), so that its assessment counts the replayed history and the snapshots just taken.
   *
   * @return whether it caught up within the timeout
   */
  static boolean awaitCaughtUp(String bootstrapServers, Duration timeout)
      throws InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (String topic : List.of(Topics.COMMAND_RESULTS, Topics.INCIDENT_TIMELINE)) {
        for (int p = 0; p < Topics.PARTITIONS; p++) {
          ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          Map<TopicPartition, Long> end = new HashMap<>();
          admin.listOffsets(ends).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
          Map<TopicPartition, OffsetAndMetadata> read =
              admin.listConsumerGroupOffsets(EVIDENCE_GROUP).partitionsToOffsetAndMetadata().get();
          boolean caughtUp =
              end.entrySet().stream()
                  .allMatch(
                      e ->
                          e.getValue() == 0
                              || (read.get(e.getKey()) != null
                                  && read.get(e.getKey()).offset() >= e.getValue()));
          if (caughtUp) {
            return true;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          // a topic not there yet: nothing of it to read
        }
        Thread.sleep(250);
      }
      return false;
    }
  }

  /** The latest assessment ({@code GET /api/readiness}; readiness-service assesses on request if it has none). */
  static Assessment fetch(int port) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readiness"))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET /api/readiness answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode root = JSON.readTree(r.body());
    Map<String, TableReadiness> tables = new LinkedHashMap<>();
    for (JsonNode t : root.path("tables")) {
      List<PathForecast> paths = new ArrayList<>();
      for (JsonNode p : t.path("paths")) {
        List<String> reasons = new ArrayList<>();
        p.path("reasons").forEach(n -> reasons.add(n.asString()));
        paths.add(
            new PathForecast(
                p.path("path").asString(),
                p.path("available").asBoolean(),
                millis(p, "p50"),
                millis(p, "p90"),
                p.path("basis").asString(),
                p.path("runs").asInt(),
                p.path("rtoP50Seconds").asLong(),
                p.path("rtoP90Seconds").asLong(),
                p.path("rpoSeconds").isNumber() ? p.path("rpoSeconds").asLong() : null,
                p.path("meetsRto").asBoolean(),
                p.path("meetsRpo").asBoolean(),
                reasons));
      }
      String table = t.path("table").asString();
      tables.put(
          table,
          new TableReadiness(
              table,
              t.path("itemCount").asLong(),
              t.path("score").asInt(),
              t.path("chosenPath").isString() ? t.path("chosenPath").asString() : null,
              t.path("choiceReason").asString(),
              t.path("meetsTargets").asBoolean(),
              paths));
    }
    return new Assessment(
        root.path("assessedAt").asString(),
        root.path("rtoTargetSeconds").asLong(),
        root.path("rpoTargetSeconds").asLong(),
        root.path("score").asInt(),
        tables);
  }

  /** The tables' readiness as the drill prints it before the fault. */
  static void print(Assessment a, List<String> tables, PrintStream out) {
    out.println(
        "readiness before the fault (readiness-service, assessed at "
            + a.assessedAt()
            + ", targets RTO "
            + a.rtoTargetSeconds()
            + " s, RPO "
            + a.rpoTargetSeconds()
            + " s; overall score "
            + a.score()
            + "):");
    for (String name : tables) {
      TableReadiness t = a.tables().get(name);
      if (t == null) {
        out.println("  " + name + ": not assessed (not in readiness-service's catalogue)");
        continue;
      }
      out.println(
          "  "
              + t.table()
              + ": score "
              + t.score()
              + "/100, "
              + (t.itemCount() > 0
                  ? t.itemCount() + " items (DescribeTable), "
                  : "size not reported by DescribeTable, ")
              + (t.meetsTargets() ? "targets met" : "targets NOT met")
              + "; would choose "
              + (t.chosenPath() == null ? "no path" : t.chosenPath())
              + (t.choiceReason().isBlank() ? "" : " (" + t.choiceReason() + ")"));
      for (PathForecast p : t.paths()) {
        if (!p.available()) {
          out.printf(
              "    %-29s not available%s%n",
              p.path(), p.reasons().isEmpty() ? "" : ": " + String.join("; ", p.reasons()));
          continue;
        }
        out.printf(
            "    %-29s restore P50 %s / P90 %s (%s); RTO P50 %s / P90 %s vs %d s: %s; RPO %s vs %d s: %s%n",
            p.path(),
            precise(p.p50Millis()),
            precise(p.p90Millis()),
            p.basis(),
            seconds(p.rtoP50Seconds()),
            seconds(p.rtoP90Seconds()),
            a.rtoTargetSeconds(),
            p.meetsRto() ? "met" : "NOT met",
            p.rpoSeconds() == null ? "unknown" : seconds(p.rpoSeconds()),
            a.rpoTargetSeconds(),
            p.meetsRpo() ? "met" : "NOT met");
      }
    }
  }

  /**
   * The forecast P90 of the path the restore took against its measured duration: the error in % of the measured
   * ({@code +} the forecast was longer).
   */
  static String forecastError(Assessment before, String table, String path, long measuredMillis) {
    TableReadiness t = before == null ? null : before.tables().get(table);
    Optional<PathForecast> p = t == null ? Optional.empty() : t.path(path);
    String measured = String.format("%.1f s", measuredMillis / 1000.0);
    if (p.isEmpty() || !p.get().available()) {
      return table
          + " by "
          + path
          + ": measured "
          + measured
          + ", no forecast of that path before the fault";
    }
    long forecastMillis = p.get().p90Millis();
    double error =
        measuredMillis == 0 ? 0 : (forecastMillis - measuredMillis) * 100.0 / measuredMillis;
    return String.format(
        "%s by %s: forecast P90 %s (%s) against measured %s: error %+.0f %%",
        table, path, precise(forecastMillis), p.get().basis(), measured, error);
  }

  /**
   * A path's restore quantile ({@code p50}, {@code p90}) in milliseconds: {@code p50Millis}, or the whole seconds of
   * {@code p50Seconds} from a readiness-service that does not give milliseconds.
   */
  static long millis(JsonNode path, String quantile) {
    JsonNode millis = path.path(quantile + "Millis");
    return millis.isNumber() ? millis.asLong() : path.path(quantile + "Seconds").asLong() * 1000;
  }

  /** A restore duration to the tenth of a second under two minutes ("4.3 s"), else as {@link #seconds}. */
  static String precise(long millis) {
    return millis < 120_000 ? String.format("%.1f s", millis / 1000.0) : seconds(millis / 1000);
  }

  private static String seconds(long s) {
    return s < 120 ? s + " s" : String.format("%d min %02d s", s / 60, s % 60);
  }
}
