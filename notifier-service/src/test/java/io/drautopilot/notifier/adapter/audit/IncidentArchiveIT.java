package io.drautopilot.notifier.adapter.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drautopilot.audit.ArchiveStore;
import io.drautopilot.audit.ArchivedIncident;
import io.drautopilot.audit.IncidentArchive;
import io.drautopilot.audit.LogRecord;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.NotifierIntegrationTest;
import io.drautopilot.notifier.adapter.kafka.IncidentLogProjection;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import io.drautopilot.notifier.adapter.kafka.RecordedIncidents;
import io.drautopilot.notifier.config.NotifierProperties;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The running notifier archives an incident when the projection reads its close from Kafka. */
class IncidentArchiveIT extends NotifierIntegrationTest {

  @Autowired EventPublisher publisher;
  @Autowired IncidentLogProjection projection;
  @Autowired NotifierProperties properties;
  @Autowired TimelineAudit audit;

  @Test
  void shouldArchiveAClosedIncidentSoItReadsBackToTheSameReportAndVerificationAsFromKafka() {
    // given an incident's records on their topics, all read by the projection
    String incident = "INC-" + UUID.randomUUID();
    List<Object> log =
        RecordedIncidents.tableCorruption(incident).stream()
            .filter(
                r ->
                    !r.getClass()
                        .getSimpleName()
                        .equals("NotifyContactsCommand")) // the notifier would act on it
            .toList();
    List<Object> beforeClose = log.stream().filter(r -> !(r instanceof IncidentClosed)).toList();
    beforeClose.forEach(r -> publisher.publish(RecordedIncidents.topicOf(r), (SpecificRecord) r));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> projectedSize(incident) == beforeClose.size());

    // when the orchestrator closes it
    Object close = log.get(log.size() - 1);
    publisher.publish(RecordedIncidents.topicOf(close), (SpecificRecord) close);

    // then it is archived, and reading the archive gives what reading Kafka gives
    ArchiveStore store = ArchiveStore.at(properties.archive().location(), () -> null);
    IncidentArchive archive = new IncidentArchive(store, audit.verifier(), Clock.systemUTC());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                archive.status(incident) == IncidentArchive.Status.COMPLETE
                    && store
                        .read(
                            incident
                                + "/"
                                + archive.read(incident).manifest().archiveId()
                                + "/"
                                + IncidentArchiver.REPORT_MARKDOWN)
                        .isPresent());
    ArchivedIncident archived = archive.read(incident);
    List<LogRecord> fromKafka = projection.records(incident);
    assertThat(IncidentArchiverContract.decoded(archived.records()))
        .containsExactlyElementsOf(IncidentArchiverContract.decoded(fromKafka))
        .hasSize(log.size());
    assertThat(archived.verification().status()).isEqualTo(Verification.Status.VERIFIED);
    assertThat(archived.verification())
        .isEqualTo(
            audit
                .verifier()
                .verifyEncoded(
                    fromKafka.stream()
                        .filter(r -> r.topic().equals("dr.incidents.timeline"))
                        .map(LogRecord::value)
                        .toList()));
    String reportFromKafka =
        IncidentLogReports.markdown(
            IncidentLogReports.renderLog(fromKafka, ReportTargets.RUNBOOK, audit));
    assertThat(
            IncidentLogReports.markdown(
                IncidentLogReports.renderLog(archived.records(), ReportTargets.RUNBOOK, audit)))
        .isEqualTo(reportFromKafka);
    String archivedReport =
        new String(
            store
                .read(
                    incident
                        + "/"
                        + archived.manifest().archiveId()
                        + "/"
                        + IncidentArchiver.REPORT_MARKDOWN)
                .orElseThrow(),
            StandardCharsets.UTF_8);
    assertThat(archivedReport).isEqualTo(reportFromKafka).contains("- **Chain**: verified");
  }

  private int projectedSize(String incident) {
    try {
      return projection.records(incident).size();
    } catch (IncidentLogProjection.IncidentLogUnavailableException e) {
      return -1;
    }
  }
}
