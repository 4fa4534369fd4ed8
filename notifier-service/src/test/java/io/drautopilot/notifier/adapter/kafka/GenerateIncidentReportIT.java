package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.notify.GenerateIncidentReportCommand;
import io.drautopilot.contracts.notify.GenerateIncidentReportResult;
import io.drautopilot.contracts.notify.IncidentReportGenerated;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.KafkaLog;
import io.drautopilot.notifier.NotifierIntegrationTest;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class GenerateIncidentReportIT extends NotifierIntegrationTest {

  @Autowired EventPublisher publisher;
  @Autowired IncidentLogProjection projection;
  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldWriteTheReportFromTheLogWhenTheOrchestratorAsksForIt() throws Exception {
    // given a recorded incident on the timeline, command, result and delivery topics
    String incident = "INC-" + UUID.randomUUID();
    List<Object> log =
        new ArrayList<>(
            RecordedIncidents.tableCorruption(incident).stream()
                .filter(r -> !(r instanceof NotifyContactsCommand))
                .toList()); // the notifier would act on it for real
    log.forEach(r -> publisher.publish(topicOf(r), (SpecificRecord) r));
    awaitProjected(incident, log.size());

    // when the orchestrator starts the report step: StepStarted on the timeline, the command to the
    // notifier
    GenerateIncidentReportCommand command =
        GenerateIncidentReportCommand.newBuilder()
            .setMetadata(metadata(incident, "cmd-report", "11:05:02"))
            .setFormats(List.of("markdown", "html"))
            .build();
    StepStarted started =
        StepStarted.newBuilder()
            .setMetadata(metadata(incident, "started-report", "11:05:02"))
            .setAction("GenerateIncidentReport")
            .setCommandEventId(command.getMetadata().getEventId())
            .setCommandTopic(Topics.NOTIFIER_COMMANDS)
            .setParameters(Map.of())
            .build();
    publisher.publish(Topics.NOTIFIER_COMMANDS, command);
    publisher.publish(Topics.INCIDENT_TIMELINE, started);
    log.add(started);
    log.add(command);

    // then the result points at the written report, with the measured RTO and RPO against the
    // targets
    GenerateIncidentReportResult result =
        KafkaLog.await(
                Topics.COMMAND_RESULTS,
                GenerateIncidentReportResult.class,
                r -> r.getMetadata().getIncidentId().equals(incident),
                l -> !l.isEmpty(),
                Duration.ofSeconds(30))
            .get(0);
    IncidentReportGenerated generated = (IncidentReportGenerated) result.getOutcome();
    assertThat(generated.getMeasuredRtoSeconds()).isEqualTo(1330L);
    assertThat(generated.getRtoTargetMet()).isFalse();
    assertThat(generated.getRpoTargetMet()).isTrue();
    Path markdown = Path.of(generated.getLocation());
    assertThat(markdown.getFileName().toString()).isEqualTo("incident-report.md");
    assertThat(markdown.getParent().getFileName().toString()).isEqualTo(incident);

    // and, but for what it adds from beyond the incident's log (the month's availability, the
    // readiness of the
    // time), it is exactly the offline rendering of the same log
    String written = Files.readString(markdown);
    assertThat(written).contains("## Availability (SLA)", "## Recovery Readiness at the Time");
    assertThat(
            withoutSections(written, "## Availability (SLA)", "## Recovery Readiness at the Time"))
        .isEqualTo(
            IncidentLogReports.markdown(
                IncidentLogReports.render(log, ReportTargets.RUNBOOK, RecordedIncidents.audit())));
    assertThat(Files.readString(markdown.resolveSibling("incident-report.html")))
        .contains("<h1>Incident Post-Mortem Report</h1>");
  }

  @Test
  void shouldServeTheReportOverRestInMarkdownAndHtml() throws Exception {
    // given
    String incident = "INC-" + UUID.randomUUID();
    List<Object> log = RecordedIncidents.drDrill(incident, "14:12:30", 750L);
    log.forEach(r -> publisher.publish(topicOf(r), (SpecificRecord) r));
    awaitProjected(incident, log.size());

    // when
    HttpResponse<String> md = get("/incidents/" + incident + "/report", "text/markdown");
    HttpResponse<String> html = get("/incidents/" + incident + "/report?format=html", null);
    HttpResponse<String> htmlBySuffix = get("/incidents/" + incident + "/report.html", null);
    HttpResponse<String> missing = get("/incidents/INC-unknown/report", null);

    // then
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/markdown"));
    assertThat(md.body())
        .isEqualTo(
            IncidentLogReports.markdown(
                IncidentLogReports.render(log, ReportTargets.RUNBOOK, RecordedIncidents.audit())))
        .contains("750 s (12 min 30 s) against a target of 900 s (15 min): met");
    assertThat(html.body())
        .startsWith("<!DOCTYPE html>")
        .contains("Quarterly Disaster Recovery Drill Report");
    assertThat(htmlBySuffix.body()).isEqualTo(html.body());
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldReportTheRecoveryPathChosenFromTheResultOnTheResultsTopic() throws Exception {
    // given an incident whose find-restore-point step chose PITR, its RecoveryPathChosen on
    // dr.commands.results
    String incident = "INC-" + UUID.randomUUID();
    List<Object> log =
        RecordedIncidents.tableCorruptionWithChosenPath(incident).stream()
            .filter(r -> !(r instanceof NotifyContactsCommand))
            .toList();
    log.forEach(r -> publisher.publish(topicOf(r), (SpecificRecord) r));
    awaitProjected(incident, log.size());

    // when
    HttpResponse<String> md = get("/incidents/" + incident + "/report", "text/markdown");

    // then the report shows the choice and the forecast it rested on, path by path
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.body())
        .contains(
            "## Recovery Path\n### `"
                + RecordedIncidents.TABLE
                + "`\n\n"
                + "- **Chosen**: PITR — forecast 8 min by PITR, 1 h by AWS Backup restore: chose PITR",
            "| **PITR** (chosen) | 2024-01-15 10:27:00 UTC | 3 min | 7 min / 8 min | history (4 runs) | — |\n",
            "| AWS Backup restore | 2024-01-15 10:00:00 UTC | 30 min (beyond RPO) | 40 min / 1 h | no history: AWS floor |");
  }

  @Test
  void shouldFailRetryablyWhenTheLogHoldsNothingOfTheIncident() throws Exception {
    String incident = "INC-" + UUID.randomUUID();
    GenerateIncidentReportCommand command =
        GenerateIncidentReportCommand.newBuilder()
            .setMetadata(metadata(incident, "cmd-report", "11:05:02"))
            .build();

    publisher.publish(Topics.NOTIFIER_COMMANDS, command);

    GenerateIncidentReportResult result =
        KafkaLog.await(
                Topics.COMMAND_RESULTS,
                GenerateIncidentReportResult.class,
                r -> r.getMetadata().getIncidentId().equals(incident),
                l -> !l.isEmpty(),
                Duration.ofSeconds(40))
            .get(0);
    assertThat(((CommandFailure) result.getOutcome()).getCode()).isEqualTo("NoEventsForIncident");
  }

  /** The Markdown without the named sections (each from its heading to the next heading of its level). */
  static String withoutSections(String md, String... headings) {
    String out = md;
    for (String heading : headings) {
      int from = out.indexOf(heading + "\n");
      if (from >= 0) {
        int to = out.indexOf("\n## ", from + heading.length());
        out = out.substring(0, from) + (to < 0 ? "" : out.substring(to + 1));
      }
    }
    return out;
  }

  HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits for the incident's events in the store; a rebalance (a topic seen for the first time) only delays it. */
  void awaitProjected(String incident, int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (projected(incident) < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(projection.events(incident)).hasSize(count);
  }

  private int projected(String incident) {
    try {
      return projection.events(incident).size();
    } catch (IncidentLogProjection.IncidentLogUnavailableException e) {
      return -1;
    }
  }

  static EventMetadata metadata(String incident, String id, String time) {
    return EventMetadata.newBuilder()
        .setEventId(incident + "-" + id)
        .setIncidentId(incident)
        .setCorrelationId(incident)
        .setOccurredAt(RecordedIncidents.at(time))
        .setProducer("orchestrator-service@test")
        .setStepId("report")
        .setIdempotencyKey(incident + ":report:" + UUID.randomUUID())
        .build();
  }

  static String topicOf(Object record) {
    String name = record.getClass().getSimpleName();
    String pkg = record.getClass().getPackageName();
    if (name.endsWith("Command")) {
      return pkg.endsWith(".restore")
          ? Topics.RESTORE_COMMANDS
          : pkg.endsWith(".validation") ? Topics.VALIDATION_COMMANDS : Topics.NOTIFIER_COMMANDS;
    }
    if (name.endsWith("Result")) {
      return Topics.COMMAND_RESULTS;
    }
    return record instanceof NotificationAttempted
        ? Topics.NOTIFICATION_DELIVERIES
        : Topics.INCIDENT_TIMELINE;
  }
}
