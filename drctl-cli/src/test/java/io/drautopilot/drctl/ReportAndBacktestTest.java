package io.drautopilot.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * report and backtest against the one embedded KRaft broker of the test JVM, over incidents made by
 * the orchestrator's own topology and written as the services write them.
 */
class ReportAndBacktestTest {

  static final String BROKERS = System.getProperty("spring.embedded.kafka.brokers");
  static final List<String> COMMAND_TOPICS =
      List.of(
          Topics.RESTORE_COMMANDS,
          Topics.VALIDATION_COMMANDS,
          Topics.NOTIFIER_COMMANDS,
          Topics.CONTAINMENT_COMMANDS,
          Topics.INCIDENT_TIMELINE);

  @TempDir Path home;

  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(home).env("DRCTL_BOOTSTRAP", BROKERS);
  }

  private static RecordedIncident incident() {
    return RecordedIncident.performanceDegradation(
            "inc-" + UUID.randomUUID(), Instant.parse("2026-12-03T10:00:00Z"))
        .writeTo(BROKERS);
  }

  private Path publicKey(RecordedIncident incident) throws Exception {
    return Files.writeString(
        home.resolve("chain-signing-" + incident.incidentId + ".pub"), incident.publicKeyBase64);
  }

  private Path builtInRunbook() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/runbooks/performance-degradation.yml")) {
      return Files.write(home.resolve("performance-degradation.yml"), in.readAllBytes());
    }
  }

  private static Map<TopicPartition, Long> commandTopicEndOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKERS,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : COMMAND_TOPICS) {
        // a topic nobody wrote to does not exist, and must not start to
        if (consumer.listTopics().containsKey(topic)) {
          consumer
              .partitionsFor(topic)
              .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
      }
      return consumer.endOffsets(partitions);
    }
  }

  /** drctl backtest --runbook RUNBOOK and the rest. */
  private Cli.Result backtest(String runbook, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("backtest", "--runbook", runbook));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void shouldRenderTheSameReportFromKafkaAsFromTheIncidentsArchive() throws Exception {
    RecordedIncident incident = incident();
    String key = publicKey(incident).toString();
    Path archive = home.resolve("archive");
    assertThat(
            cli.run("export", incident.incidentId, "--to", archive.toString(), "--public-key", key)
                .exitCode())
        .isZero();

    Cli.Result kafka = cli.run("report", incident.incidentId, "--public-key", key);
    Cli.Result archived =
        cli.run("report", incident.incidentId, "--from", archive.toString(), "--public-key", key);
    Cli.Result kafkaHtml =
        cli.run("report", incident.incidentId, "--format", "html", "--public-key", key);
    Cli.Result archivedHtml =
        cli.run(
            "report",
            incident.incidentId,
            "--format",
            "html",
            "--from",
            archive.toString(),
            "--public-key",
            key);

    // the same report, except what only the topics know (every incident's impact for the month,
    // readiness-service's assessments): as the notifier's, an archive's report has neither section
    String onlyFromTheTopics =
        "(?s)## (Availability \\(SLA\\)|Recovery Readiness at the Time)\n.*?(?=\n## )\n";
    assertThat(kafka.exitCode()).as(kafka.err()).isZero();
    assertThat(kafka.out())
        .contains(incident.incidentId, "Audit Trail", "verified")
        .contains("## Availability (SLA)", "## Recovery Readiness at the Time");
    assertThat(archived.out()).doesNotContain("Availability (SLA)", "Readiness at the Time");
    assertThat(archived.err()).contains("from an archive: no monthly availability");
    assertThat(archived.out()).isEqualTo(kafka.out().replaceAll(onlyFromTheTopics, ""));
    assertThat(kafkaHtml.out()).startsWith("<!DOCTYPE html>").contains("Availability (SLA)");
    assertThat(archivedHtml.out()).doesNotContain("Availability (SLA)");
  }

  @Test
  void shouldWriteTheReportToTheFileWhenOutIsGiven() throws Exception {
    RecordedIncident incident = incident();
    Path file = home.resolve("report.md");

    Cli.Result r = cli.run("report", incident.incidentId, "--out", file.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(file)).contains(incident.incidentId, "signature not checked");
  }

  @Test
  void shouldExitTwoWhenTheReportedIncidentHasNoRecords() {
    Cli.Result r = cli.run("report", "inc-unknown");

    assertThat(r.exitCode()).isEqualTo(2);
    // other tests leave undecodable records on the shared broker, noted on the lines before
    assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("drctl: no records of incident inc-unknown in Kafka at " + BROKERS);
  }

  @Test
  void shouldReportNoDifferenceAndPublishNothingWhenTheUnchangedRunbookIsBacktested()
      throws Exception {
    RecordedIncident first = incident();
    RecordedIncident second = incident();
    Path runbook = builtInRunbook();
    Map<TopicPartition, Long> before = commandTopicEndOffsets();

    Cli.Result r =
        backtest(
            runbook.toString(), "--incident", first.incidentId, "--incident", second.incidentId);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "incident " + first.incidentId + " (performance-degradation v",
            "): same plan",
            "incident " + second.incidentId,
            "enable-auto-scaling",
            "over 2 incident(s): the same plans");
    assertThat(commandTopicEndOffsets()).isEqualTo(before);
  }

  @Test
  void shouldReportExactlyTheAddedStepAndTheChangedParameterWhenTheRunbookChanged()
      throws Exception {
    RecordedIncident incident = incident();
    Path runbook = builtInRunbook();
    String yaml = Files.readString(runbook);
    Files.writeString(
        runbook,
        yaml.replace("batchSize: \"100\"", "batchSize: \"250\"")
            .replace(
                "  - id: generate-report",
                "  - id: check-replica-health\n"
                    + "    action: validation.checkServiceHealth\n"
                    + "    dependsOn: [verify-service-health]\n"
                    + "    parameters:\n"
                    + "      url: \"${vars.healthUrl}\"\n"
                    + "    timeout: 2m\n"
                    + "    onFailure: continue\n\n"
                    + "  - id: generate-report"));
    Map<TopicPartition, Long> before = commandTopicEndOffsets();

    Cli.Result table = backtest(runbook.toString(), "--incident", incident.incidentId);
    Cli.Result json = backtest(runbook.toString(), "--incident", incident.incidentId, "-o", "json");

    assertThat(table.exitCode()).as(table.out() + table.err()).isEqualTo(1);
    assertThat(table.out())
        .contains(
            "2 difference(s); stopped at check-replica-health (result unknown)",
            "added: result unknown: the backtest stops here",
            "changed parameters: batchSize 100 -> 250");
    JsonNode differences = new JsonMapper().readTree(json.out()).get(0).get("differences");
    assertThat(differences).hasSize(2);
    assertThat(
            List.of(
                differences.get(0).get("step").asString()
                    + " "
                    + differences.get(0).get("kind").asString(),
                differences.get(1).get("step").asString()
                    + " "
                    + differences.get(1).get("kind").asString()))
        .containsExactlyInAnyOrder("warm-cache changed parameters", "check-replica-health added");
    assertThat(commandTopicEndOffsets()).isEqualTo(before);
  }

  @Test
  void shouldPlanWithTheEnvironmentsRunbookVariablesInPlaceOfTheRunbooksDefaults()
      throws Exception {
    RecordedIncident incident = incident();
    Path variables =
        Files.writeString(
            home.resolve("runbook-variables.properties"),
            "# the orchestrator's dr.orchestrator.variables\nhealthUrl=http://10.0.0.7/graphql\n");

    Cli.Result r =
        backtest(
            builtInRunbook().toString(),
            "--incident",
            incident.incidentId,
            "--variables",
            variables.toString());

    // recorded with the runbook's default health URL: the same runbook in this environment checks
    // another one
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "changed parameters: url https://api.tyler-setup.candlefish.ai/graphql -> http://10.0.0.7/graphql");
  }

  @Test
  void shouldSelectTheScenariosIncidentsFromASavedExportWhenNoIncidentIsNamed() throws Exception {
    Path export = home.resolve("saved-export");
    for (RecordedIncident incident : List.of(incident(), incident())) {
      assertThat(
              cli.run(
                      "export",
                      incident.incidentId,
                      "--to",
                      export.toString(),
                      "--public-key",
                      publicKey(incident).toString())
                  .exitCode())
          .isZero();
    }

    Cli.Result r =
        backtest(builtInRunbook().toString(), "--from", export.toString(), "--since", "2026-12-01");
    Cli.Result none =
        backtest(
            builtInRunbook().toString(),
            "--from",
            export.toString(),
            "--scenario",
            "table-corruption");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("over 2 incident(s): the same plans");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("drctl: no recorded TABLE_CORRUPTION incidents in " + export);
  }

  @Test
  void shouldExitTwoWithFileAndLineWhenTheRunbookIsNotValidYaml() throws Exception {
    Path runbook =
        Files.writeString(home.resolve("broken.yml"), "id: broken\nsteps:\n  - id: [unclosed\n");

    Cli.Result r = backtest(runbook.toString(), "--incident", "inc-x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("drctl: " + runbook + ":").doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .matches("(?s)drctl: " + java.util.regex.Pattern.quote(runbook.toString()) + ":\\d+: .*");
  }

  @Test
  void shouldExitTwoWhenTheRunbookFileDoesNotExist() {
    Cli.Result r = backtest(home.resolve("missing.yml").toString(), "--incident", "inc-x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("drctl: runbook file " + home.resolve("missing.yml") + " does not exist");
  }

  @Test
  void shouldExitTwoNamingTheCatalogueWhenItsTablesAreInvalid() throws Exception {
    Path runbook = Files.writeString(home.resolve("table-corruption.yml"), "id: x\n");
    Path catalogue = Files.writeString(home.resolve("tables.yml"), "tables:\n  - name: orders\n");

    Cli.Result r =
        backtest(
            runbook.toString(),
            "--incident",
            "inc-x",
            "--protected-resources",
            catalogue.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("drctl: ").contains(catalogue.toString());
  }
}
