package io.drautopilot.detector.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.Decision;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.IncidentPublisher;
import io.drautopilot.detector.domain.MaintenanceRuns;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import io.drautopilot.detector.domain.Symptom;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** A restarted detector reads its open problems back from dr.incidents.detected on the real (embedded) broker. */
class OpenProblemsLoaderIT {

  static String brokers;
  static IncidentPublisher publisher;
  final Clock clock = Clock.systemUTC();
  final String table = "restart-" + UUID.randomUUID().toString().substring(0, 8);
  final String fingerprint = "TABLE_CORRUPTION|us-east-1|" + table;

  @BeforeAll
  static void broker() throws Exception {
    brokers = System.getProperty("spring.embedded.kafka.brokers");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      if (!admin.listTopics().names().get().contains(Topics.INCIDENTS_DETECTED)) {
        admin
            .createTopics(List.of(new NewTopic(Topics.INCIDENTS_DETECTED, 3, (short) 1)))
            .all()
            .get();
      }
    }
    KafkaTemplate<String, Object> template =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<>(
                Map.of("bootstrap.servers", brokers, "acks", "all"),
                new StringSerializer(),
                new AvroEventSerializer()));
    publisher =
        new KafkaIncidentPublisher(
            new EventPublisher(template, 10_000),
            new EventMetadataFactory("detector-it", Clock.systemUTC()),
            "detector-it");
  }

  IncidentDetector freshDetector() {
    return new IncidentDetector(
        new ClassificationRules(
            List.of(
                new ClassificationRule(
                    "table-unavailable",
                    null,
                    RunbookScenario.TABLE_CORRUPTION,
                    RunbookSeverity.P2,
                    null,
                    null),
                new ClassificationRule(
                    "table-missing",
                    null,
                    RunbookScenario.TABLE_CORRUPTION,
                    RunbookSeverity.P1,
                    null,
                    null))),
        new DetectionPolicy(
            2,
            2,
            Duration.ofMinutes(2),
            2,
            Set.of(),
            RunbookScenario.REGIONAL_FAILURE,
            RunbookSeverity.P1),
        clock,
        () -> "after-restart-" + UUID.randomUUID());
  }

  Incident incident(String id, String fp, String signal) {
    Instant at = clock.instant().minusSeconds(120);
    return new Incident(
        id,
        fp,
        RunbookScenario.TABLE_CORRUPTION,
        RunbookSeverity.P2,
        "us-east-1",
        List.of(table),
        List.of(new Symptom(signal, table, "seen before the restart", at, null, Map.of())),
        at,
        at);
  }

  OpenProblemsLoader loader(IncidentDetector detector) {
    return new OpenProblemsLoader(
        brokers, detector, clock, Duration.ofMinutes(5), Duration.ofSeconds(20));
  }

  @Test
  void shouldContinueAnOpenProblemAfterARestartUnderItsIncidentId() {
    Incident open = incident("inc-" + UUID.randomUUID(), fingerprint, "table-unavailable");
    publisher.publish(new Decision.Raised(open));
    IncidentDetector restarted = freshDetector();

    loader(restarted).start();
    Observation missing =
        Observation.failing(
            "table-availability",
            "us-east-1",
            table,
            "table-missing",
            "gone",
            null,
            clock.instant());
    restarted.evaluate(List.of(missing));
    List<Decision> confirmed = restarted.evaluate(List.of(missing));

    assertThat(restarted.openIncidents()).containsKey(fingerprint);
    assertThat(confirmed)
        .singleElement()
        .isInstanceOfSatisfying(
            Decision.Upgraded.class,
            u -> assertThat(u.incident().incidentId()).isEqualTo(open.incidentId()));
  }

  @Test
  void shouldNotContinueAClearedProblemOrAMaintenanceRun() {
    Incident cleared = incident("inc-" + UUID.randomUUID(), fingerprint, "table-unavailable");
    publisher.publish(new Decision.Raised(cleared));
    publisher.publish(new Decision.Cleared(cleared, clock.instant()));
    String runFp = "DR_DRILL|us-east-1|" + table + "|2026-01-01T04:00:00Z";
    publisher.publish(
        new Decision.Raised(
            incident("inc-" + UUID.randomUUID(), runFp, MaintenanceRuns.SCHEDULED_SIGNAL)));

    Map<String, Incident> open = loader(freshDetector()).read();

    assertThat(open).doesNotContainKeys(fingerprint, runFp);
  }
}
