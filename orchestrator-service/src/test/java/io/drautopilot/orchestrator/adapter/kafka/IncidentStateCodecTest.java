package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.contracts.state.IncidentPhase;
import io.drautopilot.contracts.state.IncidentStateRecord;
import io.drautopilot.contracts.state.StepStatus;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** How the orchestrator stores an incident's state: the Avro record, and JSON stored before it. */
class IncidentStateCodecTest {

  final Serde<IncidentState> serde = OrchestratorSerdes.state();

  IncidentState roundTrip(IncidentState state) {
    byte[] bytes = serde.serializer().serialize("incidents-changelog", state);
    return serde.deserializer().deserialize("incidents-changelog", bytes);
  }

  @Test
  void shouldReadBackAFullyPopulatedStateEqualFieldByField() {
    IncidentState state = IncidentStates.fullyPopulated();
    IncidentStates.assertEveryFieldSet(state);

    IncidentState read = roundTrip(state);

    assertThat(read).usingRecursiveComparison().isEqualTo(state);
    assertThat(read.timeline).containsExactlyElementsOf(state.timeline);
  }

  @Test
  void shouldKeepTheEnginesInstantsToTheNanosecond() {
    IncidentState state = IncidentStates.fullyPopulated();

    IncidentState read = roundTrip(state);

    assertThat(read.impactStartedAt).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    assertThat(read.conditionClearedAt.getNano()).isEqualTo(1);
    assertThat(read.steps.get("restore-table").finishedAt.getNano()).isEqualTo(987_654_321);
    assertThat(read.timeline.get(0).at().getNano()).isEqualTo(987_654_321);
  }

  @Test
  void shouldKeepTheEnginesOrderOfStepsOutputsAndParameters() {
    IncidentState read = roundTrip(IncidentStates.fullyPopulated());

    assertThat(read.steps.keySet()).containsExactly("restore-table", "approve-cut-over");
    IncidentState.StepState restore = read.steps.get("restore-table");
    assertThat(restore.outputs.keySet()).containsExactly("restoredTable", "eventId", "completedAt");
    assertThat(restore.parameters.keySet()).containsExactly("tableName", "restorePoint");
    assertThat(read.subjects).isInstanceOf(TreeMap.class);
    assertThat(read.compensationQueue).containsExactly("restore-table", "freeze-writes");
  }

  @Test
  void shouldReadBackAJustCreatedStateWithItsDefaultsAndNulls() {
    IncidentState fresh = new IncidentState();
    fresh.incidentId = "inc-new";

    IncidentState read = roundTrip(fresh);

    assertThat(read).usingRecursiveComparison().isEqualTo(fresh);
    assertThat(read.resources).isNull();
    assertThat(read.runbookVersion).isNull();
    assertThat(read.signals).isEqualTo(1);
    assertThat(read.phase).isEqualTo(IncidentState.Phase.RUNNING);
  }

  @Test
  void shouldStoreTheReleasedIncidentStateRecordInSingleObjectEncoding() {
    byte[] bytes = serde.serializer().serialize("t", IncidentStates.fullyPopulated());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(
            ContractCatalog.shared()
                .findByFingerprint(EventCodec.fingerprintOf(bytes))
                .getFullName())
        .isEqualTo(IncidentStateRecord.class.getName());
    assertThat(EventCodec.shared().decode(bytes)).isInstanceOf(IncidentStateRecord.class);
  }

  @Test
  void shouldHaveARecordSymbolForEveryPhaseAndStepStatusOfTheEngine() {
    assertThat(Arrays.stream(IncidentPhase.values()).map(Enum::name))
        .containsAll(Arrays.stream(IncidentState.Phase.values()).map(Enum::name).toList())
        .contains("UNKNOWN");
    assertThat(Arrays.stream(StepStatus.values()).map(Enum::name))
        .containsAll(Arrays.stream(IncidentState.StepStatus.values()).map(Enum::name).toList())
        .contains("UNKNOWN");
  }

  @Test
  void shouldRefuseAStoredPhaseThisVersionDoesNotKnowInsteadOfGuessingOne() {
    // What an older orchestrator reads when a newer one stored a phase added after it.
    IncidentStateRecord record = IncidentStateCodec.toRecord(IncidentStates.fullyPopulated());
    record.setPhase(IncidentPhase.UNKNOWN);
    byte[] bytes = EventCodec.shared().encode(record);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inc-7f3a")
        .hasMessageContaining("phase is unknown");
  }

  @Test
  void shouldRefuseAStoredStepStatusThisVersionDoesNotKnow() {
    IncidentStateRecord record = IncidentStateCodec.toRecord(IncidentStates.fullyPopulated());
    record.getSteps().get(1).setStatus(StepStatus.UNKNOWN);
    byte[] bytes = EventCodec.shared().encode(record);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("step approve-cut-over");
  }

  // ---- upgrade: state stored as JSON before the Avro record

  @Test
  void shouldReadStateStoredAsJsonBeforeTheAvroRecordAndStoreItAsAvroNextTime() throws IOException {
    // Written by the JSON serde the store had before, from the state the golden Avro file holds.
    byte[] json = resource("incident-state/legacy-json-state.json");
    assertThat(json[0]).isEqualTo((byte) '{');

    IncidentState legacy = serde.deserializer().deserialize("t", json);

    IncidentState golden =
        serde
            .deserializer()
            .deserialize("t", StoredIncidentStateGoldenTest.golden("IncidentStateRecord-v1"));
    assertThat(legacy).usingRecursiveComparison().isEqualTo(golden);
    assertThat(legacy.impactStartedAt).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    assertThat(legacy.steps.keySet()).containsExactly("restore-table", "approve-cut-over");

    byte[] rewritten = serde.serializer().serialize("t", legacy);
    assertThat(rewritten[0]).isEqualTo((byte) 0xC3);
    assertThat(serde.deserializer().deserialize("t", rewritten))
        .usingRecursiveComparison()
        .isEqualTo(legacy);
  }

  @Test
  void shouldIgnoreJsonPropertiesTheStateNoLongerHasAsBefore() {
    byte[] json =
        """
        {"incidentId":"inc-old","phase":"BLOCKED","retiredField":42,
         "steps":{"b":{"status":"RUNNING","attempt":1},"a":{"status":"PENDING"}}}"""
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    IncidentState read = serde.deserializer().deserialize("t", json);

    assertThat(read.incidentId).isEqualTo("inc-old");
    assertThat(read.phase).isEqualTo(IncidentState.Phase.BLOCKED);
    assertThat(read.steps.keySet()).containsExactly("b", "a");
    assertThat(read.steps.get("b").status).isEqualTo(IncidentState.StepStatus.RUNNING);
    assertThat(roundTrip(read)).usingRecursiveComparison().isEqualTo(read);
  }

  @Test
  void shouldTellJsonFromSingleObjectEncodingByTheFirstByte() {
    assertThat(IncidentStateCodec.isLegacyJson("{}".getBytes())).isTrue();
    assertThat(
            IncidentStateCodec.isLegacyJson(
                IncidentStateCodec.encode(IncidentStates.fullyPopulated())))
        .isFalse();
    assertThat(IncidentStateCodec.isLegacyJson(new byte[0])).isFalse();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = IncidentStateCodecTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the test class path").isNotNull();
      return in.readAllBytes();
    }
  }
}
