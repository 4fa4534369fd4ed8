package io.drautopilot.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Evidence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept drill's directory ({@code ./drill --keep DIR}: the exported log and the published public key) as the source
 * of timeline, report, verify, replay and drill-from; the log written by {@link DrillLog} from an incident made by the
 * orchestrator's own topology, offline (no broker).
 */
class KeptDrillTest {

  static final String INCIDENT = "inc-kept-1";

  @TempDir Path dir;

  @TempDir Path home;

  RecordedIncident incident;

  @BeforeEach
  void keepADrill() throws Exception {
    Instant start = Instant.parse("2026-12-03T10:00:00Z");
    Evidence slow =
        Evidence.newBuilder()
            .setSignal("cloudwatch:SuccessfulRequestLatency")
            .setResource("candlefish-employee-setup-lean-prod-entities")
            .setDetail("p99 2400 ms over 5 min")
            .setObservedAt(start.minusSeconds(60))
            .setValue(2400.0)
            .setSubjects(Map.of())
            .build();
    Evidence slower =
        Evidence.newBuilder(slow)
            .setDetail("p99 3100 ms over 5 min")
            .setObservedAt(start.plusSeconds(2))
            .setValue(3100.0)
            .build();
    incident =
        RecordedIncident.performanceDegradation(INCIDENT, start, List.of(slow), List.of(slower));
    DrillLog.write(dir, incident.drillLog());
    Path reports = Files.createDirectories(dir.resolve("reports").resolve(INCIDENT));
    Files.writeString(reports.resolve(DrillLog.PUBLIC_KEY_FILE), incident.publicKeyPem());
  }

  @Test
  void shouldReadBackEveryRecordItWroteInTimestampOrder() {
    DrillLog log = DrillLog.read(dir);

    assertThat(log.records()).hasSize(incident.log.size());
    assertThat(log.records())
        .isSortedAccordingTo(java.util.Comparator.comparingLong(DrillLog.Record::timestamp));
    DrillLog.Record first = log.records().get(0);
    assertThat(first.topic()).isEqualTo(Topics.INCIDENTS_DETECTED);
    assertThat(first.value()).isEqualTo(incident.log.get(0).value());
    assertThat(first.headers()).containsEntry("dr-trace", "t-1");
    assertThat(log.incidentIds()).containsExactly(INCIDENT);
    assertThat(dir.resolve("log").resolve(Topics.INCIDENT_TIMELINE + ".jsonl")).exists();
  }

  @Test
  void shouldReadALineAsTheSandboxExportWritesIt() throws Exception {
    Path other = dir.resolve("other");
    Files.createDirectories(other.resolve("log"));
    Files.writeString(
        other.resolve("log").resolve("dr.clock.ticks.jsonl"),
        "{\"topic\":\"dr.clock.ticks\",\"partition\":2,\"offset\":7,\"timestamp\":1764756000000,\"key\":null,"
            + "\"headers\":{\"h\":null},\"value\":\"AQID\"}\n\n");

    DrillLog.Record r = DrillLog.read(other).records().get(0);

    assertThat(DrillLog.isKeptDrill(other)).isTrue();
    assertThat(r)
        .extracting(
            DrillLog.Record::topic,
            DrillLog.Record::partition,
            DrillLog.Record::offset,
            DrillLog.Record::key)
        .containsExactly("dr.clock.ticks", 2, 7L, null);
    assertThat(r.value()).containsExactly(1, 2, 3);
    assertThat(r.headers()).containsKey("h");
    assertThat(DrillLog.line(r))
        .isEqualTo(
            "{\"topic\":\"dr.clock.ticks\",\"partition\":2,\"offset\":7,\"timestamp\":1764756000000,"
                + "\"key\":null,\"headers\":{\"h\":null},\"value\":\"AQID\"}");
  }

  @Test
  void shouldShowTheTimelineAndReportAndVerifyWithThePublishedKeyFromAKeptDrill() {
    Cli.Result timeline = cli().run("timeline", INCIDENT, "--from", dir.toString());
    Cli.Result report = cli().run("report", INCIDENT, "--from", dir.toString());
    Cli.Result verify = cli().run("verify", INCIDENT, "--from", dir.toString());

    assertThat(timeline.exitCode()).as(timeline.err()).isZero();
    assertThat(timeline.out())
        .contains("IncidentOpened")
        .contains("IncidentSignalJoined")
        .contains("IncidentClosed");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains(INCIDENT).contains("Audit Trail");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("chain verified: ");
  }

  @Test
  void shouldArchiveAKeptDrillsIncidentAndVerifyTheArchive() {
    Path archive = home.resolve("evidence");

    Cli.Result export =
        cli().run("export", INCIDENT, "--from", dir.toString(), "--to", archive.toString());
    Cli.Result verify =
        cli()
            .run(
                "verify",
                INCIDENT,
                "--from",
                archive.toString(),
                "--public-key",
                dir.resolve("reports")
                    .resolve(INCIDENT)
                    .resolve(DrillLog.PUBLIC_KEY_FILE)
                    .toString());

    assertThat(export.exitCode()).as(export.out() + export.err()).isZero();
    assertThat(export.out())
        .startsWith("archived incident " + INCIDENT + " to " + archive)
        .contains(Topics.INCIDENT_TIMELINE + ": ", "chain verified: ");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
  }

  @Test
  void shouldReplayAKeptDrillWithItsClockTicks() {
    Cli.Result r = cli().run("replay", INCIDENT, "--from", dir.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("the same").doesNotContain("(0 clock ticks)");
  }

  @Test
  void shouldReplayAKeptDrillWithTheRunbookVariablesItsOrchestratorWasGiven() throws Exception {
    Path kept = home.resolve("kept-with-variables");
    Map<String, String> variables =
        Map.of(
            "healthUrl", "http://127.0.0.1:43217/graphql",
            "performanceTarget", "http://127.0.0.1:43217/graphql",
            "performanceDurationSeconds", "3");
    RecordedIncident recorded =
        RecordedIncident.performanceDegradation(
            INCIDENT, Instant.parse("2026-12-03T10:00:00Z"), List.of(), null, variables);
    DrillLog.write(kept, recorded.drillLog());
    Path config = Files.createDirectories(kept.resolve("config"));
    Files.writeString(
        config.resolve("runbook-variables.properties"),
        "# as the drill writes it\n"
            + "healthUrl=http://127.0.0.1:43217/graphql\n"
            + "performanceDurationSeconds=3\n"
            + "performanceTarget=http://127.0.0.1:43217/graphql\n");

    Cli.Result withTheDrills = cli().run("replay", INCIDENT, "--from", kept.toString());
    Path elsewhere = Files.createDirectories(home.resolve("variables"));
    Files.move(
        config.resolve("runbook-variables.properties"),
        elsewhere.resolve("runbook-variables.properties"));
    Cli.Result withoutThem = cli().run("replay", INCIDENT, "--from", kept.toString());
    Cli.Result givenOutright =
        cli()
            .run(
                "replay",
                INCIDENT,
                "--from",
                kept.toString(),
                "--variables",
                elsewhere.resolve("runbook-variables.properties").toString());

    assertThat(withTheDrills.exitCode()).as(withTheDrills.out() + withTheDrills.err()).isZero();
    assertThat(withTheDrills.out()).contains("the same");
    assertThat(withTheDrills.err())
        .contains("with the kept drill's " + config.resolve("runbook-variables.properties"));
    assertThat(withoutThem.exitCode()).isEqualTo(1);
    assertThat(withoutThem.out())
        .contains("first difference")
        .contains("https://api.tyler-setup.candlefish.ai/graphql");
    assertThat(givenOutright.exitCode()).as(givenOutright.out() + givenOutright.err()).isZero();
  }

  @Test
  void shouldRefuseRunbookVariablesThatAreNotAFile() {
    Cli.Result r =
        cli()
            .run(
                "replay",
                INCIDENT,
                "--from",
                dir.toString(),
                "--variables",
                dir.resolve("none.properties").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("--variables " + dir.resolve("none.properties") + " is not a file");
  }

  @Test
  void shouldRunInProcessForAnotherModuleWithItsOwnStreams() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        Drctl.run(
            new String[] {"verify", INCIDENT, "--from", dir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("chain verified: ");
  }

  @Test
  void shouldNameTheFileAndLineOfABrokenLogLineInOneLineWithoutAStackTrace() throws Exception {
    Path broken = dir.resolve("log").resolve(Topics.INCIDENT_TIMELINE + ".jsonl");
    Files.writeString(broken, Files.readString(broken) + "{\"topic\": \n");

    Cli.Result r = cli().run("timeline", INCIDENT, "--from", dir.toString());

    assertThat(r.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(r.err()).startsWith("drctl: " + broken + " line ").doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void shouldSayAnIncidentIsNotInTheKeptDrill() {
    Cli.Result r = cli().run("verify", "inc-elsewhere", "--from", dir.toString());

    assertThat(r.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(r.err())
        .isEqualTo("drctl: no timeline records of incident inc-elsewhere in " + dir + "\n");
  }

  @Test
  void shouldWriteTheIncidentsSignalsPathAndMeasuredRtoForADrill() throws Exception {
    Path to = dir.resolve("drill");

    Cli.Result r =
        cli().run("drill-from", INCIDENT, "--to", to.toString(), "--from", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("2 signal(s) of a PERFORMANCE_DEGRADATION incident over 3.0 s")
        .contains("RECOVERED");
    IncidentDrill drill = IncidentDrill.read(to);
    assertThat(drill.format()).isEqualTo(IncidentDrill.FORMAT);
    assertThat(drill.version()).isEqualTo(1);
    assertThat(drill.scenario()).isEqualTo("PERFORMANCE_DEGRADATION");
    assertThat(drill.region()).isEqualTo("us-east-1");
    assertThat(drill.affectedResources())
        .containsExactly("candlefish-employee-setup-lean-prod-entities");
    assertThat(drill.runbook().id()).isEqualTo("performance-degradation");
    assertThat(drill.firstSignalAt()).isEqualTo("2026-12-03T10:00:00Z");
    assertThat(drill.signals())
        .extracting(IncidentDrill.Signal::atMillis, IncidentDrill.Signal::joined)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, false),
            org.assertj.core.groups.Tuple.tuple(3000L, true));
    IncidentDrill.Symptom first = drill.signals().get(0).symptoms().get(0);
    assertThat(first.signal()).isEqualTo("cloudwatch:SuccessfulRequestLatency");
    assertThat(first.observedAtMillis()).isEqualTo(-60_000L);
    assertThat(first.value()).isEqualTo(2400.0);
    assertThat(drill.signals().get(0).impactStartedAtMillis()).isEqualTo(-120_000L);
    assertThat(drill.finalPath())
        .isNotEmpty()
        .allMatch(
            p ->
                p.outcome() == IncidentDrill.StepOutcome.SUCCEEDED
                    || p.outcome() == IncidentDrill.StepOutcome.SKIPPED);
    assertThat(drill.finalPath().stream().map(IncidentDrill.PathStep::step))
        .contains("warm-cache", "generate-report");
    assertThat(drill.recovery().outcome()).isEqualTo("RECOVERED");
    assertThat(drill.recovery().measuredRtoSeconds()).isPositive();
    assertThat(drill.finalPath())
        .isSortedAccordingTo(java.util.Comparator.comparingLong(IncidentDrill.PathStep::atMillis));
  }

  @Test
  void shouldRefuseToMakeADrillOfAnIncidentThatHasNotResolved() throws Exception {
    Path open = dir.resolve("open");
    DrillLog.write(
        open,
        incident.drillLog().stream()
            .filter(
                r ->
                    !r.topic().equals(Topics.INCIDENT_TIMELINE)
                        || !List.of("IncidentResolved", "IncidentClosed")
                            .contains(IncidentRecords.decode(r.value()).getSchema().getName()))
            .toList());

    Cli.Result r =
        cli()
            .run(
                "drill-from",
                INCIDENT,
                "--to",
                dir.resolve("drill").toString(),
                "--from",
                open.toString());

    assertThat(r.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "drctl: incident "
                + INCIDENT
                + " has not resolved yet: there is no path or RTO to drill against\n");
    assertThat(dir.resolve("drill")).doesNotExist();
  }

  @Test
  void shouldRefuseToReplaceADrillAlreadyThere() {
    Path to = dir.resolve("drill");
    cli().run("drill-from", INCIDENT, "--to", to.toString(), "--from", dir.toString());

    Cli.Result again =
        cli().run("drill-from", INCIDENT, "--to", to.toString(), "--from", dir.toString());

    assertThat(again.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(again.err()).contains(IncidentDrill.FILE_NAME + " already exists");
  }

  @Test
  void shouldSayInOneLineThatTheDrillsDirectoryIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");

    Cli.Result r =
        cli().run("drill-from", INCIDENT, "--to", file.toString(), "--from", dir.toString());

    assertThat(r.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(r.err()).isEqualTo("drctl: --to " + file + " is a file, not a directory\n");
  }

  @Test
  void shouldRefuseADrillFileOfANewerVersion() throws Exception {
    Path to = dir.resolve("drill");
    cli().run("drill-from", INCIDENT, "--to", to.toString(), "--from", dir.toString());
    Path file = to.resolve(IncidentDrill.FILE_NAME);
    Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 2"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IncidentDrill.read(to))
        .hasMessageContaining("version 2 of the incident drill");
  }

  private Cli cli() {
    Map<String, String> unused = new LinkedHashMap<>();
    unused.put("DRCTL_BOOTSTRAP", "127.0.0.1:1");
    Cli cli = new Cli(home);
    unused.forEach(cli::env);
    return cli;
  }
}
