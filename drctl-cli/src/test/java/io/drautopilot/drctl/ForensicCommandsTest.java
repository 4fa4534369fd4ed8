package io.drautopilot.drctl;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.EventMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * timeline, verify, export, replay and show --follow against the one embedded KRaft broker of the
 * test JVM, with incidents made by the orchestrator's own topology and written as the services write
 * them (Avro single-object encoding, keyed by incident id).
 */
class ForensicCommandsTest {

  static final String BROKERS = System.getProperty("spring.embedded.kafka.brokers");

  @TempDir Path home;

  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home).env("DRCTL_BOOTSTRAP", BROKERS);
  }

  private RecordedIncident written(
      Predicate<RecordedIncident.Record> keep,
      java.util.function.UnaryOperator<byte[]> change,
      int changeTimelineIndex) {
    String id = "inc-" + UUID.randomUUID();
    RecordedIncident incident =
        RecordedIncident.performanceDegradation(id, Instant.parse("2026-12-03T10:00:00Z"));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKERS,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      int timelineIndex = 0;
      for (RecordedIncident.Record r : incident.log) {
        if (!keep.test(r)) {
          continue;
        }
        byte[] value = r.value();
        if (r.topic().equals(Topics.INCIDENT_TIMELINE) && timelineIndex++ == changeTimelineIndex) {
          value = change.apply(value.clone());
        }
        producer.send(new ProducerRecord<>(r.topic(), null, r.at().toEpochMilli(), r.key(), value));
      }
      producer.flush();
    }
    return incident;
  }

  private RecordedIncident written() {
    return written(r -> true, v -> v, -1);
  }

  private Path publicKey(RecordedIncident incident) throws Exception {
    return Files.writeString(home.resolve("chain-signing.pub"), incident.publicKeyBase64);
  }

  @Test
  void shouldVerifyTheChainWhenTheTimelineIsUntouched() throws Exception {
    RecordedIncident incident = written();

    Cli.Result r =
        cli.run("verify", incident.incidentId, "--public-key", publicKey(incident).toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "chain verified: "
                + incident.records(Topics.INCIDENT_TIMELINE).size()
                + " timeline records of incident "
                + incident.incidentId);
  }

  @Test
  void shouldExitOneAndNameTheBrokenLinkWhenOneByteOfATimelineRecordChanged() throws Exception {
    RecordedIncident incident =
        written(
            r -> true,
            v -> {
              v[v.length - 1] ^= 0x01;
              return v;
            },
            2);

    Cli.Result r =
        cli.run("verify", incident.incidentId, "--public-key", publicKey(incident).toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).startsWith("chain broken at record 2");
  }

  @Test
  void shouldExitOneWhenNoTrustedKeyIsGiven() {
    RecordedIncident incident = written();

    Cli.Result r = cli.run("verify", incident.incidentId);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("not a trusted key");
  }

  @Test
  void shouldPrintTheTimelineInLogOrderWhenReadFromKafka() {
    RecordedIncident incident = written();

    Cli.Result table = cli.run("timeline", incident.incidentId);
    Cli.Result json = cli.run("timeline", incident.incidentId, "-o", "json");

    assertThat(table.exitCode()).as(table.err()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TIME").contains("EVENT", "STEP", "DETAIL");
    assertThat(lines.get(1)).contains("IncidentOpened");
    assertThat(lines.get(lines.size() - 1)).contains("IncidentClosed");
    assertThat(lines).hasSize(incident.records(Topics.INCIDENT_TIMELINE).size() + 1);
    assertThat(json.out()).contains("\"event\" : \"IncidentOpened\"");
  }

  @Test
  void shouldReportSkippedRecordsAndGoOnWhenATopicHoldsRecordsThatDoNotDecode() {
    RecordedIncident incident = written();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKERS,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      producer.send(
          new ProducerRecord<>(Topics.INCIDENT_TIMELINE, "someone-else", "not avro".getBytes()));
      producer.flush();
    }

    Cli.Result r = cli.run("timeline", incident.incidentId);

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains(
            "skipped 1 record(s) of dr.incidents.timeline that do not decode, first at"
                + " dr.incidents.timeline partition 0 offset");
  }

  @Test
  void shouldExitTwoWhenTheIncidentHasNoRecords() {
    written();

    Cli.Result r = cli.run("timeline", "inc-unknown");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("drctl: no timeline records of incident inc-unknown in Kafka at " + BROKERS);
  }

  @Test
  void shouldExitThreeInOneLineWhenTheBrokerIsUnreachable() {
    Cli.Result r = cli.run("timeline", "inc-x", "--bootstrap", "127.0.0.1:1", "--timeout", "2s");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("drctl: cannot reach Kafka at 127.0.0.1:1 to list the topics within 2s");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void shouldArchiveEveryTopicAndReadTheSameVerificationBackWhenExported() throws Exception {
    RecordedIncident incident = written();
    Path archive = home.resolve("archive");
    String key = publicKey(incident).toString();

    Cli.Result export =
        cli.run("export", incident.incidentId, "--to", archive.toString(), "--public-key", key);
    Cli.Result verify =
        cli.run("verify", incident.incidentId, "--from", archive.toString(), "--public-key", key);
    Cli.Result timeline = cli.run("timeline", incident.incidentId, "--from", archive.toString());

    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out())
        .contains(
            "records",
            Topics.INCIDENTS_DETECTED + ": 1",
            Topics.COMMAND_RESULTS + ":",
            Topics.INCIDENT_TIMELINE + ": " + incident.records(Topics.INCIDENT_TIMELINE).size(),
            "chain verified");
    assertThat(Files.exists(archive.resolve(incident.incidentId).resolve("manifest.json")))
        .isTrue();
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("chain verified");
    assertThat(timeline.out()).contains("IncidentOpened", "IncidentClosed");
  }

  @Test
  void shouldExitOneWhenTheExportFailsVerification() throws Exception {
    RecordedIncident incident =
        written(
            r -> true,
            v -> {
              v[v.length - 1] ^= 0x01;
              return v;
            },
            1);

    Cli.Result r =
        cli.run(
            "export",
            incident.incidentId,
            "--to",
            home.resolve("bad").toString(),
            "--public-key",
            publicKey(incident).toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("chain broken at record 1");
  }

  @Test
  void shouldReproduceTheRecordedCommandsAndTimelineWhenReplayed() {
    RecordedIncident incident = written();

    Cli.Result r = cli.run("replay", incident.incidentId);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "the same",
            "commands and "
                + incident.records(Topics.INCIDENT_TIMELINE).size()
                + " timeline records as recorded");
  }

  @Test
  void shouldExitOneWithTheFirstDifferenceWhenARecordedCommandIsMissing() {
    String[] dropped = new String[1];
    RecordedIncident incident =
        written(
            r -> {
              boolean command =
                  r.topic().startsWith("dr.commands.") && !r.topic().equals(Topics.COMMAND_RESULTS);
              if (command && dropped[0] == null) {
                dropped[0] = r.topic();
                return false;
              }
              return true;
            },
            v -> v,
            -1);

    Cli.Result r = cli.run("replay", incident.incidentId);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .startsWith(
            "first difference in " + dropped[0] + " record 0 of incident " + incident.incidentId);
  }

  @Test
  void shouldFollowTheTimelineWithStepProgressUntilTheIncidentCloses() {
    RecordedIncident incident = written();
    String step;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKERS,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      step = "check-performance";
      CommandProgressed progress =
          CommandProgressed.newBuilder()
              .setMetadata(
                  EventMetadata.newBuilder()
                      .setEventId(UUID.randomUUID().toString())
                      .setIncidentId(incident.incidentId)
                      .setCorrelationId(incident.incidentId)
                      .setOccurredAt(Instant.parse("2026-12-03T10:00:30Z"))
                      .setProducer("validation")
                      .setStepId(step)
                      .build())
              .setAction("validation.checkPerformance")
              .setPercentDone(45.0)
              .setMessage("sampling latency")
              .build();
      producer.send(
          new ProducerRecord<>(
              Topics.COMMAND_PROGRESS, incident.incidentId, EventCodec.shared().encode(progress)));
      producer.flush();
    }
    WireMockServer api = new WireMockServer(options().dynamicPort());
    api.start();
    try {
      api.stubFor(
          get(urlEqualTo("/api/incidents/" + incident.incidentId))
              .willReturn(
                  okJson(
                      "{\"incident\":"
                          + RestCommandsTest.INCIDENT.replace("inc-1", incident.incidentId)
                          + ",\"affectedResources\":[],\"steps\":[]}")));

      Cli.Result r =
          cli.env("DRCTL_TOKEN", RestCommandsTest.TOKEN)
              .run("show", incident.incidentId, "--follow", "--api", api.baseUrl());

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out())
          .contains(
              "incident   " + incident.incidentId,
              "IncidentOpened",
              step + "  [##############----------------]  45%  sampling latency");
      assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
          .contains("IncidentClosed");
    } finally {
      api.stop();
    }
  }
}
