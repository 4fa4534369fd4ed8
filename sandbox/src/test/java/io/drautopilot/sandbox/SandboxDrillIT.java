package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole system, end to end, as the README's drill command runs it (with fewer items). */
class SandboxDrillIT {

  @Test
  void shouldDetectAndRecoverATableCorruptionAndReplayItFromTheKeptLog(
      @TempDir Path keep, @TempDir Path earlier) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);
    // as ./drill runs after an earlier drill: its restore is replayed onto the fresh broker before
    // the services are up
    Path history = earlier.resolve(RestoreHistory.FILE_NAME);
    new RestoreHistory(history)
        .append(
            List.of(
                new RestoreHistory.Restore(
                    "entities",
                    3_000,
                    RestoreHistory.SNAPSHOT_IMPORT,
                    Duration.ofSeconds(9).toMillis(),
                    Instant.now().minus(Duration.ofDays(1)),
                    "an-earlier-drill",
                    null)));

    int exit =
        new SandboxDrill(
                new DrillOptions(
                    DrillOptions.Scenario.TABLE_CORRUPTION,
                    3_000,
                    keep,
                    Duration.ofMinutes(5),
                    "tyler-setup-it",
                    false,
                    false,
                    List.of(),
                    DrillOptions.Via.PROBES,
                    false,
                    "entities",
                    null,
                    history),
                out)
            .run();

    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains("1 earlier restores, 1 replayed onto")
        .contains("IncidentOpened")
        .contains("RECOVERY VERIFIED")
        .contains("measured RTO")
        .contains("recorded, not executed");
    // a drill that recovers fails no step on the way, the post-incident checks included
    assertThat(output).doesNotContain("StepFailed").doesNotContain("NEGATIVE_VERDICT");
    // the timeline read back raw from the log, every hash recomputed, the head signed with the
    // drill's key
    assertThat(output)
        .contains("chain verified: ")
        .contains("chain head     ")
        .containsPattern("signing key +[0-9a-f]{16}");
    // the verdict's checks run together; their lines still come out in this order
    assertThat(output)
        .containsSubsequence(
            "tables (the fault hit tyler-setup-it-entities)",
            "ok    tyler-setup-it-entities-recovery restored in us-east-1 (",
            "nothing done twice",
            "audit chain (",
            "chain verified: ",
            "RECOVERY VERIFIED");
    Path publicKey;
    try (var files = Files.walk(keep.resolve("reports"))) {
      publicKey =
          files
              .filter(f -> f.getFileName().toString().equals(AuditTrail.PUBLIC_KEY_FILE))
              .findFirst()
              .orElseThrow();
    }
    assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(output).doesNotContain("PRIVATE KEY");
    assertThat(Files.list(keep.resolve("log"))).isNotEmpty();
    // the restore points live in S3 (s3rver's directory under the kept state), not in a local
    // directory
    assertThat(output)
        .contains("logical snapshots taken into " + SandboxDrill.SNAPSHOT_LOCATION)
        .contains("S3 on s3rver");
    try (var objects = Files.walk(keep.resolve("s3").resolve(SandboxDrill.SNAPSHOT_BUCKET))) {
      assertThat(objects.map(Path::toString)).anyMatch(f -> f.contains("manifest.json"));
    }
    assertThat(keep.resolve("snapshots")).doesNotExist();

    ByteArrayOutputStream replay = new ByteArrayOutputStream();
    int replayExit =
        Forensics.run(
            new String[] {keep.toString()}, new PrintStream(replay, true, StandardCharsets.UTF_8));
    // drctl's timeline, report, verify and replay of the kept drill's first incident, in this
    // process; the replay with the catalogue and runbook variables the drill gave its orchestrator
    assertThat(replayExit).as(replay.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(replay.toString(StandardCharsets.UTF_8))
        .contains("---- drctl timeline ")
        .contains("IncidentOpened")
        .contains("IncidentResolved")
        .contains("---- drctl report ")
        .contains("# Incident Post-Mortem Report")
        .contains("---- drctl verify ")
        .contains("chain verified: ")
        .contains("---- drctl replay ")
        .containsPattern(
            "replayed \\d+ inputs of incident .* \\(\\d+ clock ticks\\): the same \\d+ commands");
    ByteArrayOutputStream unknown = new ByteArrayOutputStream();
    assertThat(
            Forensics.run(
                new String[] {keep.toString(), "--incident", "no-such-incident"},
                new PrintStream(unknown, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(unknown.toString(StandardCharsets.UTF_8))
        .startsWith("replay: incident no-such-incident is not in ")
        .contains("its incidents: ");

    // one changed byte in one kept timeline record: the replay names the broken link and fails
    Path timelineLog =
        keep.resolve("log").resolve(io.drautopilot.contracts.Topics.INCIDENT_TIMELINE + ".jsonl");
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(timelineLog));
    int victim = lines.size() / 2;
    var record =
        (tools.jackson.databind.node.ObjectNode)
            new tools.jackson.databind.ObjectMapper().readTree(lines.get(victim));
    byte[] value = java.util.Base64.getDecoder().decode(record.path("value").asString());
    value[value.length - 3] ^= 0x01;
    record.put("value", java.util.Base64.getEncoder().encodeToString(value));
    lines.set(victim, record.toString());
    Files.write(timelineLog, lines);
    ByteArrayOutputStream tampered = new ByteArrayOutputStream();
    int tamperedExit =
        Forensics.run(
            new String[] {keep.toString()},
            new PrintStream(tampered, true, StandardCharsets.UTF_8));
    assertThat(tamperedExit).isNotZero();
    assertThat(tampered.toString(StandardCharsets.UTF_8))
        .contains("---- drctl verify ")
        .contains("chain broken at record");
  }

  @Test
  void shouldFailOverToTheSecondaryRegionWhenThePrimaryIsUnreachable() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);

    int exit =
        new SandboxDrill(
                new DrillOptions(
                    DrillOptions.Scenario.REGIONAL_FAILURE,
                    2_000,
                    null,
                    Duration.ofMinutes(5),
                    "tyler-setup-it",
                    false),
                out)
            .run();

    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("REGIONAL_FAILURE").contains("RECOVERY VERIFIED");
    assertThat(output).doesNotContain("StepFailed").doesNotContain("NEGATIVE_VERDICT");
  }

  @Test
  void shouldRecoverTheEventsTableAndCutOverItsFunctionWhenTheCorruptionHitsIt(@TempDir Path home)
      throws Exception {
    // given an earlier drill's restore of the events table kept in the history
    RestoreHistory history = new RestoreHistory(home.resolve(RestoreHistory.FILE_NAME));
    history.append(
        java.util.List.of(
            new RestoreHistory.Restore(
                "events",
                2_000,
                "SNAPSHOT_IMPORT",
                3_000,
                java.time.Instant.now().minus(Duration.ofDays(1)),
                "earlier-drill",
                "earlier-import")));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);

    // when the corruption hits the events table
    int exit =
        new SandboxDrill(
                new DrillOptions(
                        DrillOptions.Scenario.TABLE_CORRUPTION,
                        2_000,
                        null,
                        Duration.ofMinutes(5),
                        "tyler-setup-it",
                        false)
                    .withTable("events")
                    .withHistory(history.file()),
                out)
            .run();

    // then the events table is recovered and its function cut over, the entities table left alone
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains("fault injected: table corruption on tyler-setup-it-events")
        .contains("ok    tyler-setup-it-events-recovery restored in us-east-1")
        .contains(
            "ok    tyler-setup-events-handler EVENT_TABLE cut over to tyler-setup-it-events-recovery")
        .contains(
            "ok    tyler-setup-it-entities left alone: no tyler-setup-it-entities-recovery, "
                + "tyler-setup-entities-handler not updated")
        .contains("RECOVERY VERIFIED");
    // and readiness-service forecast the restore from the kept history before the fault, and the
    // error is told after
    assertThat(output)
        .contains("readiness before the fault")
        .contains("tyler-setup-it-events: score ")
        .containsPattern("SNAPSHOT_IMPORT +restore P50 ")
        .containsPattern(
            "restore forecast tyler-setup-it-events by SNAPSHOT_IMPORT: forecast P90 .* error [+-]\\d+ %");
    assertThat(history.read())
        .hasSize(2)
        .last()
        .satisfies(r -> assertThat(r.table()).isEqualTo("events"));
  }

  @Test
  void shouldPageEscalateAndReportWhenTheCutOverFails() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);

    // when the recording endpoint answers the cut-over's UpdateFunctionConfiguration with an AWS
    // error
    int exit =
        new SandboxDrill(
                new DrillOptions(
                        DrillOptions.Scenario.TABLE_CORRUPTION,
                        2_000,
                        null,
                        Duration.ofMinutes(5),
                        "tyler-setup-it",
                        false)
                    .withFailStep("cut-over"),
                out)
            .run();

    // then the recovery fails, pages on the escalation path, escalates and still gets its report
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains("ok    step cut-over failed")
        .contains("ok    incident resolved as FAILED")
        .contains("ok    escalation raised: level")
        .contains("ok    paged: ")
        .contains("ok    report of the failed incident: ")
        .contains("FAILURE HANDLED VERIFIED")
        .doesNotContain("RECOVERY VERIFIED");
  }

  /** Shows the drill's output in the build log while capturing it for the assertions. */
  static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
