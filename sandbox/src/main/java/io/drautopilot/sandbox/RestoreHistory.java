package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.ImportTableSnapshotResult;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The drills' measured restores, kept from one drill to the next in a small file (one JSON line per restore, the newest
 * {@value #KEPT}): each
 * drill starts on a fresh broker, and readiness-service rebuilds its restore history only from the log. So before
 * readiness-service reads, the drill writes every kept same-region snapshot import back as the
 * {@link ImportTableSnapshotResult} restore-service reported then (its table, items and measured duration, its
 * original time and event id), under an incident id of its own that the drill's views leave out. A cross-region
 * import is kept but not replayed: readiness-service takes that path from the incident's timeline, which is the
 * orchestrator's to write.
 */
final class RestoreHistory {

  static final String FILE_NAME = "drill-restores.jsonl";

  /** The incident ids the replayed results carry: not a drill's incident. */
  static final String INCIDENT = "sandbox-history";

  static final String SNAPSHOT_IMPORT = "SNAPSHOT_IMPORT";

  /**
   * How many restores the file keeps: the newest, enough for readiness-service's P50 and P90 by path and size, and
   * measured on the build that runs now rather than on every build since the first drill.
   */
  static final int KEPT = 50;

  /**
   * One measured restore.
   *
   * @param table the table's catalogue name (entities, events): the drills' table prefixes differ
   * @param path readiness's name of the path (SNAPSHOT_IMPORT, CROSS_REGION_SNAPSHOT_IMPORT)
   */
  record Restore(
      String table,
      long items,
      String path,
      long durationMillis,
      Instant at,
      String incidentId,
      String eventId) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  RestoreHistory(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** The kept restores, oldest first; a line this drill cannot read is skipped, not fatal. */
  List<Restore> read() throws IOException {
    List<Restore> restores = new ArrayList<>();
    if (!Files.exists(file)) {
      return restores;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        restores.add(
            new Restore(
                n.path("table").asString(),
                n.path("items").asLong(),
                n.path("path").asString(),
                n.path("durationMillis").asLong(),
                Instant.parse(n.path("at").asString()),
                n.path("incidentId").asString(),
                n.path("eventId").asString()));
      } catch (RuntimeException e) {
        // an older or hand-edited line: the rest of the history still counts
      }
    }
    return restores;
  }

  /**
   * Adds this drill's restores and keeps the newest {@value #KEPT} of the file's lines, so the file (and the replay
   * at each drill's start) stays bounded however many drills run. Written whole ({@link WholeFile}): a drill stopped
   * while writing leaves the earlier history intact.
   *
   * @return how many of the oldest lines were dropped
   */
  int append(List<Restore> restores) throws IOException {
    if (restores.isEmpty()) {
      return 0;
    }
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    for (Restore r : restores) {
      ObjectNode n = JSON.createObjectNode();
      n.put("table", r.table());
      n.put("items", r.items());
      n.put("path", r.path());
      n.put("durationMillis", r.durationMillis());
      n.put("at", r.at().toString());
      n.put("incidentId", r.incidentId());
      n.put("eventId", r.eventId());
      lines.add(JSON.writeValueAsString(n));
    }
    int dropped = Math.max(0, lines.size() - KEPT);
    StringBuilder kept = new StringBuilder();
    lines.subList(dropped, lines.size()).forEach(line -> kept.append(line).append('\n'));
    WholeFile.write(file, kept);
    return dropped;
  }

  /**
   * Writes the same-region snapshot imports back onto {@value Topics#COMMAND_RESULTS} as this drill's tables' results.
   *
   * @return how many were replayed
   */
  static int replay(String bootstrapServers, String tablePrefix, List<Restore> restores) {
    List<Restore> replayed =
        restores.stream().filter(r -> SNAPSHOT_IMPORT.equals(r.path())).toList();
    if (replayed.isEmpty()) {
      return 0;
    }
    try (SandboxKafka.Publisher publisher = new SandboxKafka.Publisher(bootstrapServers)) {
      for (Restore r : replayed) {
        String incident = INCIDENT + "-" + r.incidentId();
        publisher.publish(
            Topics.COMMAND_RESULTS,
            ImportTableSnapshotResult.newBuilder()
                .setMetadata(
                    EventMetadata.newBuilder()
                        .setEventId(
                            r.eventId() == null || r.eventId().isBlank()
                                ? UUID.randomUUID().toString()
                                : r.eventId())
                        .setIncidentId(incident)
                        .setCorrelationId(incident)
                        .setOccurredAt(r.at())
                        .setProducer("sandbox-restore-history")
                        .setIdempotencyKey(incident + "-" + r.eventId())
                        .build())
                .setOutcome(
                    TableSnapshotImported.newBuilder()
                        .setTableName(tablePrefix + "-" + r.table() + "-recovery")
                        .setItemCount(r.items())
                        .setResumedSegments(0)
                        .setDurationMillis(r.durationMillis())
                        .setItemsWritten(r.items())
                        .build())
                .build());
      }
    }
    return replayed.size();
  }
}
