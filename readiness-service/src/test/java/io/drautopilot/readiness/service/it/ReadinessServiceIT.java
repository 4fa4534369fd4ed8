package io.drautopilot.readiness.service.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.readiness.FindingStatus;
import io.drautopilot.contracts.readiness.PathForecast;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.contracts.readiness.ReadinessCheck;
import io.drautopilot.contracts.readiness.RecoveryPath;
import io.drautopilot.contracts.readiness.TableReadiness;
import io.drautopilot.contracts.restore.ExportTableSnapshotResult;
import io.drautopilot.contracts.restore.ImportTableSnapshotResult;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.testsupport.ServiceEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as deployed: evidence in on the embedded broker's results topic, DynamoDB's control plane
 * answered by WireMock with AWS-shaped DescribeTable / DescribeContinuousBackups JSON, ReadinessAssessed
 * out on {@value Topics#READINESS_ASSESSMENTS}, the API and the gauges.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.aws.region=us-east-1",
      "dr.readiness.initial-delay=1h",
      "dr.readiness.approvers.security-officer=alice,bob"
    })
class ReadinessServiceIT {

  static final String ENTITIES = "tyler-setup-sandbox-entities";
  static final String EVENTS = "tyler-setup-sandbox-events";
  static final WireMockServer DYNAMODB =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  static {
    DYNAMODB.start();
    for (String table : List.of(ENTITIES, EVENTS)) {
      DYNAMODB.stubFor(
          post(urlPathEqualTo("/"))
              .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.DescribeTable"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.containing("\"" + table + "\""))
              .willReturn(
                  json(
                      "{\"Table\":{\"TableName\":\""
                          + table
                          + "\",\"TableStatus\":\"ACTIVE\",\"ItemCount\":10000,"
                          + "\"TableSizeBytes\":2500000,\"TableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/"
                          + table
                          + "\"}}")));
      DYNAMODB.stubFor(
          post(urlPathEqualTo("/"))
              .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.DescribeContinuousBackups"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.containing("\"" + table + "\""))
              .willReturn(
                  json(
                      "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
                          + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"ENABLED\",\"EarliestRestorableDateTime\":"
                          + Instant.now().minus(Duration.ofDays(35)).getEpochSecond()
                          + ",\"LatestRestorableDateTime\":"
                          + Instant.now().minusSeconds(120).getEpochSecond()
                          + "}}}")));
    }
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withHeader("x-amzn-RequestId", "test-request")
        .withBody(body);
  }

  @DynamicPropertySource
  static void endpoints(DynamicPropertyRegistry registry) {
    registry.add("dr.aws.endpoints.dynamodb", () -> "http://127.0.0.1:" + DYNAMODB.port());
    registry.add("dr.readiness.protected-resources-file", ReadinessServiceIT::catalogue);
  }

  static String catalogue() {
    try {
      Path file = Files.createTempFile("protected-resources", ".yml");
      Files.writeString(
          file,
          """
          tables:
            - name: sandbox-entities
              table: %s
              functions: [tyler-setup-entities-handler]
            - name: sandbox-events
              table: %s
              functions: [tyler-setup-events-handler]
          """
              .formatted(ENTITIES, EVENTS));
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopDynamoDb() {
    DYNAMODB.stop();
  }

  @Autowired EventPublisher publisher;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort int port;

  @Test
  void shouldForecastAnImportFromTheTwoImportsItWasToldAbout() throws Exception {
    // given a fresh logical snapshot of the entities table, and two imports of it (4 and 6 minutes)
    publisher.publish(
        Topics.COMMAND_RESULTS,
        ExportTableSnapshotResult.newBuilder()
            .setMetadata(metadata("inc-snap"))
            .setOutcome(
                TableSnapshotExported.newBuilder()
                    .setLocation("s3://snapshots/entities/1")
                    .setTableName(ENTITIES)
                    .setItemCount(10_000)
                    .setSegments(4)
                    .setTakenAt(Instant.now().minusSeconds(60))
                    .setDurationMillis(20_000)
                    .build())
            .build());
    ImportTableSnapshotResult first = importResult("inc-a", Duration.ofMinutes(4));
    ImportTableSnapshotResult second = importResult("inc-b", Duration.ofMinutes(6));

    // when
    publisher.publish(Topics.COMMAND_RESULTS, first);
    publisher.publish(Topics.COMMAND_RESULTS, second);

    // then an assessment whose import forecast is made of exactly those two runs
    String firstId = first.getMetadata().getEventId();
    String secondId = second.getMetadata().getEventId();
    ReadinessAssessed assessed =
        awaitAssessment(
            a ->
                a.getScope().equals(ENTITIES)
                    && importPath(a.getTables().get(0)).map(p -> p.getRuns() == 2).orElse(false));
    TableReadiness entities = assessed.getTables().get(0);
    PathForecast imports = importPath(entities).orElseThrow();
    assertThat(imports.getBasis()).isEqualTo("history (2 runs)");
    assertThat(imports.getP50Seconds()).isEqualTo(300);
    assertThat(imports.getP90Seconds()).isEqualTo(360);
    assertThat(imports.getEvidenceEventIds()).contains(firstId, secondId);
    assertThat(imports.getAvailable()).isTrue();
    assertThat(entities.getChosenPath()).isEqualTo(RecoveryPath.SNAPSHOT_IMPORT);
    assertThat(entities.getChoiceReason()).contains("chose snapshot import");
    assertThat(entities.getItemCount()).isEqualTo(10_000L);
    PathForecast pitr =
        entities.getPaths().stream()
            .filter(p -> p.getPath() == RecoveryPath.PITR_RESTORE)
            .findFirst()
            .orElseThrow();
    assertThat(pitr.getBasis()).isEqualTo("no history: AWS floor");
    assertThat(pitr.getMeetsRto()).isFalse();
    assertThat(pitr.getMeetsRpo()).isTrue();
    assertThat(entities.getFindings())
        .anySatisfy(
            f -> {
              assertThat(f.getCheck()).isEqualTo(ReadinessCheck.PITR_ENABLED);
              assertThat(f.getStatus()).isEqualTo(FindingStatus.PASSED);
              assertThat(f.getEvidenceEventIds())
                  .singleElement()
                  .asString()
                  .startsWith("DescribeContinuousBackups:" + ENTITIES);
            });
    assertThat(assessed.getMetadata().getCausationId()).isIn(firstId, secondId);

    // and the same through the API and the gauges
    String api = get("/api/readiness/" + ENTITIES);
    assertThat(api)
        .contains("\"basis\":\"history (2 runs)\"")
        .contains(firstId)
        .contains(secondId)
        .contains(
            "\"p50Seconds\":300,\"p90Seconds\":360,\"p50Millis\":300000,\"p90Millis\":360000");
    assertThat(get("/api/readiness")).contains(EVENTS);
    String metrics = get("/actuator/prometheus");
    assertThat(metrics)
        .contains("dr_readiness_score{")
        .contains("scope=\"OVERALL\"")
        .contains("dr_readiness_forecast_rto_seconds{")
        .contains("path=\"SNAPSHOT_IMPORT\"")
        .contains("quantile=\"0.9\"")
        .contains("dr_readiness_forecast_rpo_seconds{");
  }

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    ServiceEndpoints.assertHealthyWithKafkaAndPrometheus(port, "readiness-service");
  }

  @Test
  void shouldAnswer404ForATableThatIsNotProtected() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/readiness/not-a-table"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  static Optional<PathForecast> importPath(TableReadiness table) {
    return table.getPaths().stream()
        .filter(p -> p.getPath() == RecoveryPath.SNAPSHOT_IMPORT)
        .findFirst();
  }

  static ImportTableSnapshotResult importResult(String incidentId, Duration took) {
    return ImportTableSnapshotResult.newBuilder()
        .setMetadata(metadata(incidentId))
        .setOutcome(
            TableSnapshotImported.newBuilder()
                .setTableName(ENTITIES + "-recovery")
                .setItemCount(10_000)
                .setResumedSegments(0)
                .setDurationMillis(took.toMillis())
                .build())
        .build();
  }

  static EventMetadata metadata(String incidentId) {
    return EventMetadata.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setIncidentId(incidentId)
        .setCorrelationId(UUID.randomUUID().toString())
        .setCausationId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setProducer("restore-service@test")
        .build();
  }

  ReadinessAssessed awaitAssessment(java.util.function.Predicate<ReadinessAssessed> wanted) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                brokers,
                "group.id",
                "readiness-it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.READINESS_ASSESSMENTS));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          ReadinessAssessed a = EventCodec.shared().decode(r.value(), ReadinessAssessed.class);
          assertThat(r.key()).isEqualTo(a.getScope());
          if (wanted.test(a)) {
            return a;
          }
        }
      }
    }
    throw new AssertionError("no matching ReadinessAssessed within 60 s");
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
