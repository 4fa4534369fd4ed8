package io.drautopilot.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each field of a runbook read as written, each typo refused where it is, and the sandbox's time scale. */
class RunbookLoaderFieldsTest {

  final RunbookLoader loader = loader(1.0);

  static RunbookLoader loader(double timeScale) {
    return new RunbookLoader(
        new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes()),
        Map.of(),
        timeScale);
  }

  static final String HEAD =
      """
      id: x
      version: 3
      scenario: DR_DRILL
      """;

  @Test
  void shouldReadTheVersionRetriesAndApprovalOutcomesAsWritten() {
    String yaml =
        HEAD
            + """
        steps:
          - id: report
            action: notifier.generateIncidentReport
            timeout: 10m
            retries: { max: 2, backoff: 30s, multiplier: 3 }
            approval: { role: dba, approvers: 2, timeout: 5m, onTimeout: skip, onReject: abort }
        """;

    Runbook runbook = loader.load("x.yml", yaml);

    assertThat(runbook.version()).isEqualTo(3);
    Step step = runbook.steps().get(0);
    assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(step.retries()).isEqualTo(new Step.RetryPolicy(2, Duration.ofSeconds(30), 3.0));
    assertThat(step.approval())
        .isEqualTo(
            new Step.ApprovalGate(
                "dba",
                2,
                Duration.ofMinutes(5),
                Step.ApprovalGate.Outcome.SKIP,
                Step.ApprovalGate.Outcome.ABORT));
  }

  @Test
  void shouldScaleEveryDurationByTheTimeScale() {
    String yaml =
        HEAD
            + """
        steps:
          - id: report
            action: notifier.generateIncidentReport
            timeout: 10m
            retries: { max: 1, backoff: 30s }
            approval: { role: dba, timeout: 4m }
        """;

    Step step = loader(0.5).load("x.yml", yaml).steps().get(0);

    assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(step.retries().backoff()).isEqualTo(Duration.ofSeconds(15));
    assertThat(step.approval().timeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void shouldRefuseAnUnknownFieldOfAStep() {
    assertRefused(
        """
        steps:
          - id: report
            action: notifier.generateIncidentReport
            timeuot: 10m
        """,
        "x.yml: step 'report': unknown field 'timeuot'");
  }

  @Test
  void shouldRefuseAnUnknownFieldOfARetryPolicy() {
    assertRefused(
        """
        steps:
          - id: report
            action: notifier.generateIncidentReport
            retries: { max: 2, delay: 30s }
        """,
        "x.yml: step 'report' retries: unknown field 'delay'");
  }

  @Test
  void shouldRefuseAnUnknownFieldOfAnApprovalGate() {
    assertRefused(
        """
        steps:
          - id: report
            action: notifier.generateIncidentReport
            approval: { role: dba, approver: 2 }
        """,
        "x.yml: step 'report' approval: unknown field 'approver'");
  }

  @Test
  void shouldRefuseAnUnknownFieldOfTheDocumentControl() {
    assertRefused(
        """
        documentControl: { owner: DBA, lastReviewed: 2026-12-03, nextReview: 2027-03-03, approvedBy: EM, reviewer: x }
        steps:
          - id: report
            action: notifier.generateIncidentReport
        """,
        "x.yml: documentControl: unknown field 'reviewer'");
  }

  @Test
  void shouldRefuseAnRpoFromThatNamesAnUnknownStep() {
    assertRefused(
        """
        rpoFrom: "${steps.find.outputs.restorePointTime}"
        steps:
          - id: report
            action: notifier.generateIncidentReport
        """,
        "x.yml: rpoFrom: bad template '${steps.find.outputs.restorePointTime}': unknown step 'find'");
  }

  @Test
  void shouldNameOnlyTheStepsOfACycleNotTheStepThatLeadsIntoIt() {
    assertRefused(
        """
        steps:
          - id: lead
            action: notifier.generateIncidentReport
            dependsOn: [a]
          - id: a
            action: notifier.generateIncidentReport
            dependsOn: [b]
          - id: b
            action: notifier.generateIncidentReport
            dependsOn: [a]
        """,
        "x.yml: step 'a' dependsOn: cycle: a -> b -> a");
  }

  @Test
  void shouldRefuseADocumentNestedPastTheLimitThoughTheYamlParserWouldTakeIt() {
    // the parser's own default limit is 50 levels; a runbook may nest 16
    String nested =
        HEAD
            + "description: "
            + "[".repeat(30)
            + "]".repeat(30)
            + "\n"
            + """
        steps:
          - id: report
            action: notifier.generateIncidentReport
        """;

    assertThatThrownBy(() -> loader.load("x.yml", nested))
        .isInstanceOf(RunbookException.class)
        .hasMessageContaining("nested too deeply");
  }

  private void assertRefused(String body, String message) {
    assertThatThrownBy(() -> loader.load("x.yml", HEAD + body))
        .isInstanceOf(RunbookException.class)
        .hasMessageStartingWith(message);
  }
}
