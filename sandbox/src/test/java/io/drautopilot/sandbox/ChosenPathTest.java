package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.timeline.StepSucceeded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChosenPathTest {

  @Test
  void shouldTellThePathTheRunbookChoseAndWhy() {
    StepSucceeded chose =
        succeeded(
            "find-restore-point",
            "restore.chooseRecoveryPath",
            Map.of(
                "kind",
                "LOGICAL_SNAPSHOT",
                "path",
                "snapshot import",
                "reason",
                "forecast 1 min by snapshot import, 60 min by AWS Backup restore: chose snapshot import"));

    assertThat(SandboxDrill.chosenPath(List.of(chose)))
        .contains(
            "find-restore-point: snapshot import (forecast 1 min by "
                + "snapshot import, 60 min by AWS Backup restore: chose snapshot import)");
  }

  @Test
  void shouldTellNothingWhileTheRunbookChoosesNoPath() {
    StepSucceeded found =
        succeeded(
            "find-restore-point", "restore.findRestorePoint", Map.of("kind", "LOGICAL_SNAPSHOT"));

    assertThat(SandboxDrill.chosenPath(List.of(found))).isEmpty();
  }

  private static StepSucceeded succeeded(
      String stepId, String action, Map<String, String> outputs) {
    return StepSucceeded.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("event-1")
                .setIncidentId("incident-1")
                .setCorrelationId("incident-1")
                .setOccurredAt(Instant.parse("2026-12-03T10:00:00Z"))
                .setProducer("orchestrator")
                .setStepId(stepId)
                .build())
        .setAction(action)
        .setOutputs(outputs)
        .setDurationMillis(1_000)
        .build();
  }
}
