package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.contracts.state.IncidentStateRecord;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.IncidentState.Phase;
import io.drautopilot.orchestrator.engine.IncidentState.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Today's stored incident state still reads after a change: {@code incident-state/IncidentStateRecord-v1.avro.b64}
 * is a fully populated state as the orchestrator stored it with {@code IncidentStateRecord} v1 (base64 of the
 * single-object encoding, exactly the bytes of the changelog), and the current code must decode it to the same
 * fields. It never changes: it is what a running deployment's changelog holds.
 *
 * <p><b>Adding a field</b> to the engine's {@code IncidentState}:
 *
 * <ol>
 *   <li>Add it to {@code schemas/.../state/IncidentStateRecord.avsc} <em>with a default</em> (nullable:
 *       {@code ["null", ...]} with {@code "default": null}; a number, boolean or list: its engine default), and
 *       a doc.
 *   <li>Release it: {@code ./mvnw -pl schemas compile exec:java@release-schemas} writes {@code v2.avsc} and its
 *       line in {@code index.txt}; commit both.
 *   <li>Map it both ways in {@link IncidentStateCodec}, and set it in {@link IncidentStates#fullyPopulated}
 *       ({@code IncidentStates.assertEveryFieldSet} fails until you do).
 *   <li>Run {@link #writeGoldenStateOfTheLatestVersion} once ({@code -Dincident-state.golden.write=true}) to add
 *       {@code IncidentStateRecord-v2.avro.b64}, and add a test like {@link #shouldStillReadTheStateStoredWithV1}
 *       for it. Keep v1's file and test: v1 state is still in changelogs, and this test proves the new field
 *       takes its default there.
 * </ol>
 *
 * <p><b>What the gate refuses</b> ({@code SchemaCompatibilityGate}, full-transitive, in every build of
 * {@code schemas}): a field added without a default (v1 state could not be read), a field without a default
 * removed ({@code incidentId}, a step's {@code stepId}, a note's {@code type} and {@code at}: an older
 * orchestrator, after a rollback, could not read new state), a type changed incompatibly (an {@code int} made a
 * {@code string}, a time made a string), an enum symbol removed, and a schema changed but not released. A rename
 * is a removal plus an addition: readers of the other version see the default. The enums have the default
 * {@code UNKNOWN}, so a new phase or step status may be added; an older orchestrator that reads one refuses to
 * run the incident rather than guess ({@link IncidentStateCodecTest}).
 */
class StoredIncidentStateGoldenTest {

  static final String DIR = "incident-state/";

  @Test
  void shouldStillReadTheStateStoredWithV1() throws IOException {
    byte[] bytes = golden("IncidentStateRecord-v1");

    IncidentState s = OrchestratorSerdes.state().deserializer().deserialize("changelog", bytes);

    assertThat(s.incidentId).isEqualTo("inc-7f3a");
    assertThat(s.correlationId).isEqualTo("corr-7f3a");
    assertThat(s.fingerprint).isEqualTo("fp:table-corruption:entities");
    assertThat(s.runbookId).isEqualTo("table-corruption");
    assertThat(s.runbookVersion).isEqualTo(3);
    assertThat(s.scenario).isEqualTo("TABLE_CORRUPTION");
    assertThat(s.severity).isEqualTo("P1");
    assertThat(s.region).isEqualTo("eu-west-1");
    assertThat(s.detectorId).isEqualTo("integrity-sampler");
    assertThat(s.detectorEventId).isEqualTo("evt-detected-1");
    assertThat(s.affectedResources).containsExactly("entities", "events");
    assertThat(s.resources).containsExactly("entities", "events");
    assertThat(s.subjects)
        .containsExactly(
            Map.entry("key", "AKIA1"), Map.entry("principal", "arn:aws:iam::1:user/mallory"));
    assertThat(s.impactStartedAt).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    assertThat(s.conditionClearedAt).isEqualTo(Instant.parse("2026-03-01T10:20:00.000000001Z"));
    assertThat(s.conditionClearedBy).isEqualTo("integrity-sampler-2");
    assertThat(s.detectedAt).isEqualTo(Instant.parse("2026-03-01T10:01:00.5Z"));
    assertThat(s.openedAt).isEqualTo(Instant.parse("2026-03-01T10:01:00.500001Z"));
    assertThat(s.lastTime).isEqualTo(Instant.parse("2026-03-01T10:30:00.999999999Z"));
    assertThat(s.phase).isEqualTo(Phase.FAILED);
    assertThat(s.resolved).isTrue();
    assertThat(s.outcome).isEqualTo("RECOVERED");
    assertThat(s.resolvedAt).isEqualTo(Instant.parse("2026-03-01T10:25:00.000123Z"));
    assertThat(s.measuredRtoSeconds).isEqualTo(1500L);
    assertThat(s.measuredRpoSeconds).isEqualTo(42L);
    assertThat(s.acknowledged).isTrue();
    assertThat(s.acknowledgedBy).isEqualTo("alice");
    assertThat(s.escalationLevel).isEqualTo(2);
    assertThat(s.escalationsRaised).isEqualTo(3);
    assertThat(s.lastEscalatedAt).isEqualTo(Instant.parse("2026-03-01T10:16:00.000000777Z"));
    assertThat(s.failureReason).isEqualTo("step cut-over: AccessDenied");
    assertThat(s.reportRequested).isTrue();
    assertThat(s.rtoAtRiskRaised).isTrue();
    assertThat(s.notifications).isEqualTo(5);
    assertThat(s.signals).isEqualTo(4);
    assertThat(s.compensationQueue).containsExactly("restore-table", "freeze-writes");
    assertThat(s.steps.keySet()).containsExactly("restore-table", "approve-cut-over");

    IncidentState.StepState restore = s.steps.get("restore-table");
    assertThat(restore.status).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(restore.attempt).isEqualTo(2);
    assertThat(restore.startedAt).isEqualTo(Instant.parse("2026-03-01T10:02:00.000000002Z"));
    assertThat(restore.deadline).isEqualTo(Instant.parse("2026-03-01T10:32:00.000000002Z"));
    assertThat(restore.finishedAt).isEqualTo(Instant.parse("2026-03-01T10:12:00.987654321Z"));
    assertThat(restore.outputs)
        .containsExactly(
            Map.entry("restoredTable", "entities-restored"),
            Map.entry("eventId", "evt-result-2"),
            Map.entry("completedAt", "2026-03-01T10:12:00.987654321Z"));
    assertThat(restore.parameters)
        .containsExactly(
            Map.entry("tableName", "entities"), Map.entry("restorePoint", "2026-03-01T09:59:00Z"));
    assertThat(restore.approvers).containsExactly("bob", "carol");
    assertThat(restore.failure).isEqualTo("throttled on attempt 1");
    assertThat(restore.compensation).isTrue();

    IncidentState.StepState gate = s.steps.get("approve-cut-over");
    assertThat(gate.status).isEqualTo(StepStatus.AWAITING_APPROVAL);
    assertThat(gate.attempt).isEqualTo(1);
    assertThat(gate.startedAt).isEqualTo(Instant.parse("2026-03-01T10:13:00Z"));
    assertThat(gate.deadline).isEqualTo(Instant.parse("2026-03-01T10:43:00.000001Z"));
    assertThat(gate.finishedAt).isEqualTo(Instant.parse("2026-03-01T10:14:00Z"));
    assertThat(gate.outputs).containsExactly(Map.entry("note", "waiting"));
    assertThat(gate.parameters).containsExactly(Map.entry("role", "db-lead"));
    assertThat(gate.approvers).containsExactly("dave");
    assertThat(gate.failure).isEqualTo("none yet");
    assertThat(gate.compensation).isTrue();

    assertThat(s.timeline)
        .containsExactly(
            new IncidentState.Note(
                "StepSucceeded",
                Instant.parse("2026-03-01T10:12:00.987654321Z"),
                "restore-table",
                2,
                "evt-step-succeeded",
                "entities restored"),
            new IncidentState.Note(
                "ConditionCleared",
                Instant.parse("2026-03-01T10:20:00.000000001Z"),
                "none",
                1,
                "evt-cleared",
                "detector integrity-sampler-2 no longer sees the condition"));
  }

  @Test
  void shouldKeepAGoldenStateForEveryReleasedVersionOfTheRecord() throws IOException {
    List<String> released = releasedVersions();
    assertThat(released).as("released versions of IncidentStateRecord").isNotEmpty();

    for (String version : released) {
      byte[] bytes = golden("IncidentStateRecord-" + version);
      assertThat(EventCodec.fingerprintOf(bytes))
          .as("the golden %s state is written with %s of the record", version, version)
          .isEqualTo(SchemaNormalization.parsingFingerprint64(releasedSchema(version)));
    }
  }

  /**
   * Writes the golden state of the latest released version, once, when that version is released
   * ({@code ./mvnw -o test -pl orchestrator-service -Dtest=StoredIncidentStateGoldenTest
   * -Dincident-state.golden.write=true}); never overwrites one.
   */
  @Test
  @EnabledIfSystemProperty(named = "incident-state.golden.write", matches = "true")
  void writeGoldenStateOfTheLatestVersion() throws IOException {
    List<String> released = releasedVersions();
    String latest = released.get(released.size() - 1);
    Path file = Path.of("src/test/resources", DIR, "IncidentStateRecord-" + latest + ".avro.b64");
    assertThat(file).as("golden files are never rewritten").doesNotExist();
    byte[] bytes = IncidentStateCodec.encode(IncidentStates.fullyPopulated());
    Files.writeString(
        file,
        Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\n") + "\n",
        StandardCharsets.US_ASCII);
  }

  static byte[] golden(String name) throws IOException {
    String text =
        new String(
            IncidentStateCodecTest.resource(DIR + name + ".avro.b64"), StandardCharsets.US_ASCII);
    return Base64.getMimeDecoder().decode(text.strip());
  }

  /** v1, v2, ... of IncidentStateRecord, from the schemas' index of released versions. */
  private static List<String> releasedVersions() throws IOException {
    // Every contract jar (and these tests) has its own index: read them all, as the catalog does.
    StringBuilder index = new StringBuilder();
    for (java.net.URL url :
        java.util.Collections.list(
            StoredIncidentStateGoldenTest.class
                .getClassLoader()
                .getResources(ContractCatalog.INDEX_RESOURCE))) {
      try (java.io.InputStream in = url.openStream()) {
        index.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    Matcher m =
        Pattern.compile(Pattern.quote(IncidentStateRecord.class.getName()) + "/(v\\d+)\\.avsc")
            .matcher(index);
    List<String> versions = new java.util.ArrayList<>();
    while (m.find()) {
      versions.add(m.group(1));
    }
    return versions;
  }

  private static org.apache.avro.Schema releasedSchema(String version) throws IOException {
    byte[] avsc =
        IncidentStateCodecTest.resource(
            ContractCatalog.HISTORY_ROOT
                + IncidentStateRecord.class.getName()
                + "/"
                + version
                + ".avsc");
    return new org.apache.avro.Schema.Parser().parse(new String(avsc, StandardCharsets.UTF_8));
  }
}
