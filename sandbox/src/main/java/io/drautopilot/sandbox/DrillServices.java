package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.ExportTableSnapshotResult;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The services of a drill, however they run: in the drill's JVM or each from its jar as its own process. */
interface DrillServices {

  /** "name :port, ..." of every service. */
  String describe();

  int port(String service);

  /** Injects the scenario's fault (or starts its maintenance procedure) so that the detector sees it. */
  void inject(DrillOptions.Scenario scenario, String table)
      throws IOException, InterruptedException;

  /**
   * Takes a logical snapshot through restore-service ({@link ExportTableSnapshotCommand}, as the snapshot schedule
   * sends it) and waits for its result.
   */
  static Instant snapshot(
      String bootstrapServers,
      String table,
      String destination,
      LiveTimeline timeline,
      Duration timeout)
      throws InterruptedException {
    String incident = SandboxServices.SNAPSHOT_INCIDENT + "-" + UUID.randomUUID();
    try (SandboxKafka.Publisher publisher = new SandboxKafka.Publisher(bootstrapServers)) {
      publisher.publish(
          Topics.RESTORE_COMMANDS,
          ExportTableSnapshotCommand.newBuilder()
              .setMetadata(
                  EventMetadata.newBuilder()
                      .setEventId(UUID.randomUUID().toString())
                      .setIncidentId(incident)
                      .setCorrelationId(incident)
                      .setOccurredAt(Instant.now())
                      .setProducer("sandbox-snapshot-schedule")
                      .setIdempotencyKey(incident)
                      .build())
              .setTableName(table)
              .setRegion(SandboxDrill.PRIMARY)
              .setDestination(destination)
              .setSegments(4)
              .build());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (var e : timeline.eventsOf(incident)) {
        if (e instanceof ExportTableSnapshotResult r) {
          if (r.getOutcome() instanceof TableSnapshotExported ok) {
            return ok.getTakenAt();
          }
          throw new IllegalStateException("snapshot of " + table + " failed: " + r.getOutcome());
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("snapshot of " + table + " did not finish within " + timeout);
  }

  /** The body of the detector's {@code POST /maintenance/runs} for a maintenance scenario. */
  static String maintenanceRun(DrillOptions.Scenario scenario, String table) {
    return "{\"procedure\":\""
        + scenario.flag
        + "\",\"table\":\""
        + table
        + "\",\"region\":\""
        + SandboxDrill.PRIMARY
        + "\"}";
  }

  /** POSTs JSON to a service on this machine; anything but 2xx is an error naming the answer. */
  static String post(HttpClient http, int port, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "POST " + path + " was refused (" + response.statusCode() + "): " + response.body());
    }
    return response.body();
  }
}
