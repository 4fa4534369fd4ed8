package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.ExportTableSnapshotResult;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.detector.DetectorApplication;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.NotifierApplication;
import io.drautopilot.orchestrator.OrchestratorApplication;
import io.drautopilot.restore.RestoreApplication;
import io.drautopilot.testsupport.Dynalite;
import io.drautopilot.validation.ValidationApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/** Every service of the system, started in this JVM with the sandbox's settings. */
final class SandboxServices {

  static final String SNAPSHOT_INCIDENT = "sandbox-snapshot";

  record Settings(String kafka, Path state, String primaryDynamo, String secondaryDynamo, String recorder,
                  Path snapshots, Path reports, String tablePrefix, Dynalite primary) {}

  private final Settings settings;
  private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SandboxServices(Settings settings) {
    this.settings = settings;
  }

  static SandboxServices start(Settings settings, List<AutoCloseable> running) {
    SandboxServices s = new SandboxServices(settings);
    s.launch("restore-service", RestoreApplication.class, running);
    s.launch("validation-service", ValidationApplication.class, running);
    s.launch("notifier-service", NotifierApplication.class, running);
    s.launch("orchestrator-service", OrchestratorApplication.class, running);
    s.launch("detector-service", DetectorApplication.class, running);
    return s;
  }

  private void launch(String name, Class<?> application, List<AutoCloseable> running) {
    int port = freePort();
    Map<String, String> p = new LinkedHashMap<>(common());
    p.put("server.port", Integer.toString(port));
    p.putAll(specific(name));
    ConfigurableApplicationContext ctx = ServiceLauncher.start(application, name, settings.state(), p);
    contexts.put(name, ctx);
    ports.put(name, port);
    running.add(ctx::close);
  }

  private Map<String, String> common() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.kafka.bootstrap-servers", settings.kafka());
    p.put("dr.aws.region", SandboxDrill.PRIMARY);
    p.put("dr.aws.static-credentials", "true");
    p.put("dr.aws.endpoints.default", settings.recorder());
    p.put("dr.aws.endpoints.dynamodb", settings.primaryDynamo());
    p.put("dr.aws.endpoints.dynamodb." + SandboxDrill.PRIMARY, settings.primaryDynamo());
    p.put("dr.aws.endpoints.dynamodb." + SandboxDrill.SECONDARY, settings.secondaryDynamo());
    p.put("dr.messaging.progress-interval", "500ms");
    p.put("logging.level.root", "WARN");
    p.put("logging.level.io.drautopilot", "WARN");
    p.put("management.endpoints.web.exposure.include", "health,prometheus");
    return p;
  }

  private Map<String, String> specific(String name) {
    Map<String, String> p = new LinkedHashMap<>();
    String entities = SeedData.entitiesTable(settings.tablePrefix());
    String events = SeedData.eventsTable(settings.tablePrefix());
    switch (name) {
      case "orchestrator-service" -> {
        p.put("spring.kafka.streams.state-dir", settings.state().resolve("orchestrator-state").toString());
        p.put("dr.orchestrator.tick-interval", "500ms");
        p.put("dr.orchestrator.variables.snapshotLocation", settings.snapshots().toString());
        p.put("dr.orchestrator.variables.entitiesTable", entities);
        p.put("dr.orchestrator.variables.eventsTable", events);
        p.put("dr.orchestrator.variables.primaryRegion", SandboxDrill.PRIMARY);
        p.put("dr.orchestrator.variables.recoveryRegion", SandboxDrill.SECONDARY);
        p.put("dr.orchestrator.variables.healthUrl", settings.recorder() + "/graphql");
      }
      case "notifier-service" -> p.put("dr.notifier.report-directory", settings.reports().toString());
      case "detector-service" -> {
        p.put("dr.detector.sandbox.enabled", "true");
        p.put("dr.detector.sandbox.recorder-admin-url", settings.recorder() + "/__admin");
        p.put("dr.detector.probe-interval", "1s");
        p.put("dr.detector.tables[0].name", entities);
        p.put("dr.detector.tables[0].region", SandboxDrill.PRIMARY);
        p.put("dr.detector.tables[1].name", events);
        p.put("dr.detector.tables[1].region", SandboxDrill.PRIMARY);
      }
      default -> { }
    }
    return p;
  }

  String describe() {
    StringBuilder b = new StringBuilder();
    ports.forEach((n, port) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(" :").append(port));
    return b.toString();
  }

  int port(String service) {
    return ports.get(service);
  }

  /** Takes a logical snapshot through restore-service (ExportTableSnapshotCommand) and waits for it. */
  Instant snapshot(String table, LiveTimeline timeline, Duration timeout) throws InterruptedException {
    String incident = SNAPSHOT_INCIDENT + "-" + UUID.randomUUID();
    EventPublisher publisher = contexts.get("restore-service").getBean(EventPublisher.class);
    publisher.publish(Topics.RESTORE_COMMANDS, ExportTableSnapshotCommand.newBuilder()
        .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setIncidentId(incident)
            .setCorrelationId(incident).setOccurredAt(Instant.now()).setProducer("sandbox-snapshot-schedule")
            .setIdempotencyKey(incident).build())
        .setTableName(table).setRegion(SandboxDrill.PRIMARY).setDestination(settings.snapshots().toString())
        .setSegments(4).build());
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

  /** Injects the scenario's fault through the detector's sandbox fault API. */
  void inject(DrillOptions.Scenario scenario, String table) throws IOException, InterruptedException {
    if (scenario.fault == null) {
      return;
    }
    String body = "{\"kind\":\"" + scenario.fault + "\",\"table\":\"" + table + "\",\"region\":\"" + SandboxDrill.PRIMARY + "\"}";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port("detector-service") + "/sandbox/faults"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("the detector refused the fault (" + response.statusCode() + "): " + response.body());
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
