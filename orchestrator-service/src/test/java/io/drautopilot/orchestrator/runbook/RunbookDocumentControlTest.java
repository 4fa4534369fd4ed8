package io.drautopilot.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver;
import io.drautopilot.orchestrator.engine.DryRun;
import io.drautopilot.orchestrator.engine.Inputs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Document control lives in each runbook; every scenario is followed by the seed's performance verification. */
class RunbookDocumentControlTest {

  final RunbookLoader loader =
      new RunbookLoader(
          new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes()),
          Map.of(),
          1.0);
  final RunbookRegistry shipped = RunbookFiles.load(loader, RunbookFiles.read("runbooks", null));

  @Test
  void shouldGiveEveryShippedRunbookAnOwnerReviewDatesAndApprover() {
    assertThat(shipped.all())
        .allSatisfy(
            r -> {
              assertThat(r.control()).as(r.file()).isNotNull();
              assertThat(r.control().owner()).isNotBlank();
              assertThat(r.control().approvedBy()).isNotBlank();
            });
    assertThat(shipped.reviewFindings(LocalDate.parse("2026-12-03"))).isEmpty();
  }

  @Test
  void shouldReportAnOverdueReviewAsAFindingWhenTheNextReviewHasPassed() {
    List<String> findings = shipped.reviewFindings(LocalDate.parse("2027-03-04"));

    assertThat(findings)
        .hasSize(shipped.all().size())
        .contains(
            "runbook table-corruption (runbooks/table-corruption.yml) review overdue: next review was 2027-03-03"
                + " (last 2026-12-03), owner Database Operations Team");
  }

  @Test
  void shouldFailNamingTheFieldWhenTheNextReviewIsNotADate() {
    String yaml =
        """
        id: x
        scenario: DR_DRILL
        documentControl: { owner: DBA, lastReviewed: 2026-12-03, nextReview: April, approvedBy: EM }
        steps:
          - id: report
            action: notifier.generateIncidentReport
        """;

    assertThatThrownBy(() -> loader.load("x.yml", yaml))
        .hasMessage("x.yml: documentControl nextReview: not a date (YYYY-MM-DD): 'April'");
  }

  @Test
  void shouldRunThePerformanceVerificationForFiveMinutesAtFiftyAfterEveryScenarioRecovery() {
    for (String scenario :
        List.of(
            "REGIONAL_FAILURE", "TABLE_CORRUPTION", "SECURITY_BREACH", "PERFORMANCE_DEGRADATION")) {
      Runbook runbook = shipped.forScenario(scenario).orElseThrow();
      Instant t = Instant.parse("2024-01-15T10:40:00Z");
      List<DryRun.PlannedCommand> plan =
          DryRun.plan(
              runbook,
              new Inputs.Detection(
                  "e",
                  "i",
                  "c",
                  "f",
                  scenario,
                  "P1",
                  "us-east-1",
                  List.of("candlefish-employee-setup-lean-prod-entities"),
                  t.minusSeconds(60),
                  t,
                  "d"),
              Map.of(),
              RunbookFiles.protectedResources(null));

      assertThat(plan)
          .as(scenario)
          .anySatisfy(
              c -> {
                assertThat(c.action()).isEqualTo("validation.runPerformanceCheck");
                assertThat(c.parameters())
                    .containsEntry("durationSeconds", "300")
                    .containsEntry("concurrency", "50");
              });
    }
  }

  @Test
  void shouldDeclareHowLongEveryStepTakesSoTheRtoForecastCoversEveryScenario() {
    assertThat(shipped.all())
        .allSatisfy(
            r ->
                assertThat(r.steps())
                    .allSatisfy(
                        s -> assertThat(s.expected()).as(r.id() + " " + s.id()).isPositive()));
  }
}
