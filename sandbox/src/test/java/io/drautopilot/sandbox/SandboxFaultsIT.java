package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drill's fault API ({@code /sandbox/faults}) in the detector as the sandbox launches it (sandbox settings, the
 * fault API added to its context, the primary region's outage switch): every fault kind, injected through the API,
 * is detected by the detector's real probes and published as {@code IncidentDetected}. Also prints the detection
 * latency of each ({@code DETECTION-LATENCY}). Region-unreachable stops the primary's dynalite for good, so it runs
 * last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxFaultsIT {

  static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(30);
  static final String DELETED = SeedData.entitiesTable("it-deleted");
  static final String CORRUPTED = SeedData.entitiesTable("it-corrupted");
  static final String THROTTLED = SeedData.entitiesTable("it-throttled");
  static final String BREACHED = SeedData.entitiesTable("it-breached");
  static final String ALERTED = SeedData.entitiesTable("it-alerted");
  static final String WEBHOOK_TOKEN = AlertmanagerAlert.newToken();

  static final List<AutoCloseable> running = new ArrayList<>();
  static Path state;
  static LocalKafka kafka;
  static RecordingEndpoint recorder;
  static int port;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void launchTheDetectorAsTheSandboxDoes() throws Exception {
    state = Files.createTempDirectory("sandbox-faults-it-");
    kafka = keep(LocalKafka.start());
    Dynalite primary = keep(Dynalite.start(null));
    recorder = keep(RecordingEndpoint.start());
    for (String prefix :
        List.of("it-deleted", "it-corrupted", "it-throttled", "it-breached", "it-alerted")) {
      SeedData.createTable(primary.client(), SeedData.entitiesTable(prefix));
      SeedData.createTable(primary.client(), SeedData.eventsTable(prefix));
      SeedData.seed(primary.client(), prefix, 200, 1, n -> {});
    }
    String unused = "http://127.0.0.1:9"; // the detector calls neither the secondary region nor S3
    SandboxServices services =
        SandboxServices.startDetector(
            new SandboxServices.Settings(
                kafka.bootstrapServers(),
                state,
                primary.endpoint().toString(),
                unused,
                recorder.url(),
                unused,
                null,
                null,
                state.resolve("reports"),
                "it",
                primary,
                0,
                null,
                null,
                WEBHOOK_TOKEN,
                Map.of()),
            Map.of(
                "dr.detector.targets[0].tables",
                String.join(",", DELETED, CORRUPTED, THROTTLED, BREACHED, ALERTED)),
            running);
    port = services.port("detector-service");
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception ignored) {
        // best effort: everything else must still stop
      }
    }
    try (Stream<Path> files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void shouldRefuseAnUnknownFaultKindWithTheKnownOnes() {
    HttpResponse<String> r = send("POST", "{\"kind\":\"meteor\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown fault kind meteor").contains("table-deleted");
  }

  @Test
  @Order(2)
  void shouldAnswerNotFoundForAMissingTable() {
    HttpResponse<String> r =
        send("POST", "{\"kind\":\"table-deleted\",\"table\":\"no-such-table\"}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no-such-table does not exist");
  }

  @Test
  @Order(3)
  void shouldHaveATableDeletedDetectedAsTableCorruption() {
    IncidentDetected incident =
        injectAndAwait(
            "{\"kind\":\"table-deleted\",\"table\":\"" + DELETED + "\"}",
            "TABLE_CORRUPTION",
            "TABLE_CORRUPTION|us-east-1|" + DELETED);

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    assertThat(incident.getSymptoms()).extracting(e -> e.getSignal()).contains("table-missing");
  }

  @Test
  @Order(4)
  void shouldHaveCorruptedItemsDetectedByTheIntegritySample() {
    IncidentDetected incident =
        injectAndAwait(
            "{\"kind\":\"table-corruption\",\"table\":\"" + CORRUPTED + "\"}",
            "TABLE_CORRUPTION",
            "TABLE_CORRUPTION|us-east-1|" + CORRUPTED);

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    assertThat(incident.getSymptoms())
        .anySatisfy(e -> assertThat(e.getSignal()).isEqualTo("integrity-violation"));
  }

  @Test
  @Order(5)
  void shouldHaveThrottlingDetectedThroughTheCloudWatchProbeAndClearItsStub() {
    IncidentDetected incident =
        injectAndAwait(
            "{\"kind\":\"throttling\",\"table\":\"" + THROTTLED + "\",\"value\":500}",
            "PERFORMANCE_DEGRADATION",
            "PERFORMANCE_DEGRADATION|us-east-1|" + THROTTLED);

    assertThat(incident.getScenario()).isEqualTo(Scenario.PERFORMANCE_DEGRADATION);
    assertThat(incident.getSeverity()).isEqualTo(Severity.P2);
    assertThat(incident.getSymptoms())
        .anySatisfy(
            e -> {
              assertThat(e.getSignal()).isEqualTo("throttling");
              assertThat(e.getValue()).isEqualTo(500.0);
            });
    assertStubsCleared();
  }

  @Test
  @Order(6)
  void shouldHaveABreachSignalDetectedThroughTheCloudTrailProbeAndClearItsStub() {
    IncidentDetected incident =
        injectAndAwait(
            "{\"kind\":\"breach-signal\",\"table\":\"" + BREACHED + "\"}",
            "SECURITY_BREACH",
            "SECURITY_BREACH|us-east-1|" + BREACHED);

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    assertThat(incident.getSymptoms())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getSignal()).isEqualTo("suspicious-access");
              assertThat(e.getDetail())
                  .contains("200 Scans by arn:aws:iam::000000000000:user/mallory");
              assertThat(e.getSubjects())
                  .contains(
                      entry("principalName", "mallory"),
                      entry("accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
                      entry("sourceIp", "203.0.113.45"));
            });
    assertStubsCleared();
  }

  @Test
  @Order(7)
  void shouldRaiseTableCorruptionFromTheDrillsAlertmanagerWebhookAlertWithItsToken()
      throws Exception {
    AlertmanagerAlert alert =
        new AlertmanagerAlert(
            WEBHOOK_TOKEN,
            DrillOptions.Scenario.TABLE_CORRUPTION,
            "us-east-1",
            ALERTED,
            Instant.now().minusSeconds(5));
    AlertmanagerAlert wrongToken =
        new AlertmanagerAlert(
            "not-the-token",
            DrillOptions.Scenario.TABLE_CORRUPTION,
            "us-east-1",
            ALERTED,
            Instant.now());
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> wrongToken.send(port, true)))
        .hasMessageContaining("refused (401)");

    try (KafkaConsumer<String, Object> incidents = incidents()) {
      alert.send(port, true);
      IncidentDetected incident = await(incidents, "TABLE_CORRUPTION|us-east-1|" + ALERTED);

      // the table's data is intact: only the alert can have raised it, with the severity its label
      // gives
      assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
      assertThat(incident.getSymptoms())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getSignal()).isEqualTo("integrity-violation");
                assertThat(e.getDetail())
                    .startsWith("Alertmanager DynamoDBItemsFailIntegrityRules")
                    .doesNotContain("unmanaged");
              });
      assertThat(incident.getImpactStartedAt()).isBefore(incident.getDetectedAt());
    }
  }

  @Test
  @Order(8)
  void shouldHaveThePrimaryRegionTakenDownAndDetectedAsOneRegionalIncident() {
    IncidentDetected incident =
        injectAndAwait(
            "{\"kind\":\"region-unreachable\",\"region\":\"us-east-1\"}",
            "REGIONAL_FAILURE",
            "REGIONAL_FAILURE|us-east-1");

    assertThat(incident.getScenario()).isEqualTo(Scenario.REGIONAL_FAILURE);
    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    // raised at the first confirmed failure of the region (further tables join the open incident)
    assertThat(incident.getAffectedResources())
        .isNotEmpty()
        .isSubsetOf(DELETED, CORRUPTED, THROTTLED, BREACHED, ALERTED);
    assertThat(incident.getSymptoms())
        .extracting(e -> e.getSignal())
        .contains("endpoint-unreachable");
  }

  IncidentDetected injectAndAwait(String request, String expectedScenario, String fingerprint) {
    try (KafkaConsumer<String, Object> incidents = incidents()) {
      HttpResponse<String> r = send("POST", request);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode answer = json.readTree(r.body());
      assertThat(answer.path("expectedScenario").asString()).isEqualTo(expectedScenario);
      assertThat(answer.path("faultId").asString()).isNotBlank();
      Instant injectedAt = Instant.parse(answer.path("injectedAt").asString());
      IncidentDetected incident = await(incidents, fingerprint);
      // the launched services log at WARN; the latency goes to the build log as the drill's output
      // does
      System.out.printf(
          "DETECTION-LATENCY kind=%s fingerprint=%s ms=%d%n",
          answer.path("kind").asString(),
          fingerprint,
          Duration.between(injectedAt, incident.getDetectedAt()).toMillis());
      return incident;
    }
  }

  /** {@code DELETE /sandbox/faults} removes what the drill installed on the recording endpoint. */
  void assertStubsCleared() {
    HttpResponse<String> r = send("DELETE", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("stub ");
    HttpResponse<String> mappings = get(recorder.url() + "/__admin/mappings");
    assertThat(mappings.body())
        .contains("CloudWatch GetMetricData")
        .doesNotContain("sandbox fault");
  }

  static IncidentDetected await(KafkaConsumer<String, Object> incidents, String fingerprint) {
    List<String> seen = new ArrayList<>();
    Instant deadline = Instant.now().plus(DETECTION_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, Object> r : incidents.poll(Duration.ofMillis(200))) {
        if (r.key().equals(fingerprint) && r.value() instanceof IncidentDetected detected) {
          return detected;
        }
        seen.add(r.key());
      }
    }
    throw new AssertionError(
        "no IncidentDetected for "
            + fingerprint
            + " within "
            + DETECTION_TIMEOUT
            + "; saw "
            + seen);
  }

  static KafkaConsumer<String, Object> incidents() {
    KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "group.id",
                "it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false"),
            new StringDeserializer(),
            new AvroEventDeserializer());
    consumer.subscribe(List.of(Topics.INCIDENTS_DETECTED));
    return consumer;
  }

  HttpResponse<String> send(String method, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/faults"))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T extends AutoCloseable> T keep(T resource) {
    running.add(resource);
    return resource;
  }
}
