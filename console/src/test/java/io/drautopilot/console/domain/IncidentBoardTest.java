package io.drautopilot.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.StepFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentBoardTest {

  private static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");
  private final IncidentBoard board = new IncidentBoard(Duration.ofMinutes(15));

  private static EventMetadata meta(String id, String step, int attempt, Instant at) {
    return EventMetadata.newBuilder()
        .setEventId(at + step)
        .setIncidentId(id)
        .setCorrelationId(id)
        .setCausationId(null)
        .setOccurredAt(at)
        .setProducer("test")
        .setRunbookId("r")
        .setRunbookVersion(1)
        .setStepId(step)
        .setAttempt(attempt)
        .setIdempotencyKey(null)
        .setChain(null)
        .build();
  }

  private void open(String id, Instant at) {
    board.apply(
        IncidentOpened.newBuilder()
            .setMetadata(meta(id, null, 0, at))
            .setFingerprint("f")
            .setScenario(Scenario.TABLE_CORRUPTION)
            .setSeverity(Severity.P1)
            .setRegion("us-east-1")
            .setAffectedResources(List.of("t"))
            .setSymptoms(List.of())
            .setImpactStartedAt(at)
            .setDetectedAt(at)
            .setDetectorEventId("d")
            .build());
  }

  @Test
  void shouldListOpenIncidentsFirstWhenSomeAreClosed() {
    open("old-open", T0);
    open("new-closed", T0.plusSeconds(60));
    board.apply(
        IncidentClosed.newBuilder()
            .setMetadata(meta("new-closed", null, 0, T0.plusSeconds(120)))
            .setClosedBy("o")
            .setReason("r")
            .setFingerprint(null)
            .setChainHead("abc")
            .setChainSignature(null)
            .setSigningKeyId("k1")
            .build());

    assertThat(board.incidents())
        .extracting(Incident::id)
        .containsExactly("old-open", "new-closed");
    assertThat(board.incident("new-closed").orElseThrow().closure().chainHead()).isEqualTo("abc");
  }

  @Test
  void shouldCountMissingApproversWhenOnePersonHasApprovedATwoPersonGate() {
    open("i", T0);
    board.apply(
        ApprovalRequested.newBuilder()
            .setMetadata(meta("i", "delete-key", 0, T0))
            .setAction("a")
            .setRequiredRole("security-officer")
            .setRequiredApprovers(2)
            .setDeadline(T0.plusSeconds(900))
            .setOnTimeout("escalate")
            .build());
    board.apply(
        ApprovalGranted.newBuilder()
            .setMetadata(meta("i", "delete-key", 0, T0.plusSeconds(5)))
            .setApprover("officer1")
            .setRole("security-officer")
            .setApprovalsSoFar(1)
            .setRequiredApprovers(2)
            .setComment(null)
            .build());

    Incident incident = board.incident("i").orElseThrow();
    assertThat(incident.waitingApprovals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.approval().approvers()).containsExactly("officer1");
              assertThat(s.approval().missing()).isEqualTo(1);
            });
  }

  @Test
  void shouldEstimateTimeLeftFromTheRateWhenProgressIsReported() {
    open("i", T0);
    board.apply(
        CommandProgressed.newBuilder()
            .setMetadata(meta("i", "restore", 2, T0))
            .setAction("restore")
            .setPercentDone(null)
            .setItemsDone(400)
            .setItemsTotal(1000L)
            .setItemsPerSecond(20.0)
            .setMessage("m")
            .build());

    Incident.Step step = board.incident("i").orElseThrow().step("restore").orElseThrow();
    assertThat(step.progress().percent()).isEqualTo(40.0);
    assertThat(step.progress().eta()).isEqualTo(Duration.ofSeconds(30));
    assertThat(step.attempts()).isEqualTo(2);
    assertThat(board.incident("i").orElseThrow().timeline()).hasSize(1);
  }

  @Test
  void shouldMarkAStepRetryingWhenItFailedAndWillRetry() {
    open("i", T0);
    List<String> changed = new ArrayList<>();
    board.onChange(changed::add);
    board.apply(
        StepFailed.newBuilder()
            .setMetadata(meta("i", "s", 1, T0))
            .setAction("a")
            .setFailure(
                CommandFailure.newBuilder()
                    .setCode("Throttled")
                    .setMessage("slow down")
                    .setRetryable(true)
                    .setAwsRequestId(null)
                    .build())
            .setWillRetry(true)
            .setOnFailure("retry")
            .build());

    assertThat(board.incident("i").orElseThrow().step("s").orElseThrow().status())
        .isEqualTo(StepStatus.RETRYING);
    assertThat(changed).containsExactly("i");
  }

  @Test
  void shouldKeepAnIncidentOffTheListWhenOnlyItsProgressHasBeenRead() {
    board.apply(
        CommandProgressed.newBuilder()
            .setMetadata(meta("later", "s", 1, T0))
            .setAction("a")
            .setPercentDone(10.0)
            .setItemsDone(1)
            .setItemsTotal(null)
            .setItemsPerSecond(null)
            .setMessage("m")
            .build());
    assertThat(board.incidents()).isEmpty();
    open("later", T0);
    assertThat(board.incident("later").orElseThrow().step("s").orElseThrow().progress().percent())
        .isEqualTo(10.0);
  }

  @Test
  void shouldFixTheDataLossWindowAtTheRestorePointWhenOneIsChosen() {
    // given an incident whose impact started at T0; before a restore point, the window grows with
    // time
    open("i", T0);
    Incident before = board.incident("i").orElseThrow();
    assertThat(before.dataLoss(T0.plusSeconds(120))).isEqualTo(Duration.ofSeconds(120));
    assertThat(before.dataLossGrowing()).isTrue();

    // when the restore point found is 90 s before the impact
    board.apply(
        io.drautopilot.contracts.timeline.StepSucceeded.newBuilder()
            .setMetadata(meta("i", "find-restore-point", 1, T0.plusSeconds(60)))
            .setAction("restore.findRestorePoint")
            .setOutputs(
                java.util.Map.of(
                    "restorePointTime", T0.minusSeconds(90).toString(), "kind", "PITR"))
            .setDurationMillis(1000)
            .build());

    // then the window is the 90 s between them, whatever the time, and within the 5-minute target
    Incident after = board.incident("i").orElseThrow();
    assertThat(after.dataLoss(T0.plusSeconds(3600))).isEqualTo(Duration.ofSeconds(90));
    assertThat(after.dataLossGrowing()).isFalse();
    assertThat(after.overRpo(T0.plusSeconds(3600))).isFalse();
    assertThat(after.step("find-restore-point").orElseThrow().finishedAt())
        .isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void shouldOfferTheReportWhenTheReportStepSucceeded() {
    open("i", T0);
    board.apply(
        io.drautopilot.contracts.timeline.StepSucceeded.newBuilder()
            .setMetadata(meta("i", "generate-report", 1, T0.plusSeconds(60)))
            .setAction(Incident.REPORT_ACTION)
            .setOutputs(java.util.Map.of("location", "/reports/i.md"))
            .setDurationMillis(1000)
            .build());
    assertThat(board.incident("i").orElseThrow().report())
        .isEqualTo(new Incident.Report("generate-report", "/reports/i.md", T0.plusSeconds(60)));
    assertThat(board.incident("i").orElseThrow().runbookId()).isEqualTo("r");
  }
}
