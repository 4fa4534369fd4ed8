package io.drautopilot.readiness.service.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.readiness.Finding;
import io.drautopilot.readiness.Forecaster;
import io.drautopilot.readiness.ReadinessAssessor;
import io.drautopilot.readiness.ReadinessCheck;
import io.drautopilot.readiness.ReadinessScore;
import io.drautopilot.readiness.RecoveryTargets;
import io.drautopilot.readiness.RunbookReview;
import io.drautopilot.readiness.service.adapter.file.RunbookDocumentControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overdue runbook review is a readiness finding, linked to the runbook. */
class RunbookReviewFindingTest {

  static final String DRILL =
      """
      id: dr-drill
      version: 3
      scenario: DR_DRILL
      documentControl:
        owner: Database Operations Team
        lastReviewed: 2026-09-01
        nextReview: 2026-12-01
        approvedBy: Engineering Manager
      steps: []
      """;
  static final String CORRUPTION =
      """
      id: table-corruption
      scenario: TABLE_CORRUPTION
      documentControl: { owner: Database Operations Team, lastReviewed: 2026-12-03, nextReview: "2027-03-03", approvedBy: EM }
      steps: []
      """;

  @TempDir Path runbooks;

  ReadinessService serviceAt(Instant now, Runbooks files) {
    ReadinessAssessor assessor =
        new ReadinessAssessor(
            new Forecaster(), RecoveryTargets.SEED, ReadinessScore.Settings.DEFAULTS);
    Settings settings =
        new Settings(
            "us-east-1",
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(390),
            Duration.ofSeconds(1),
            80,
            List.of(),
            Map.of());
    return new ReadinessService(
        new RecoveryLog(),
        new ProtectedTables(List.of()),
        (table, region) -> {
          throw new AssertionError("no table to describe");
        },
        assessor,
        settings,
        List.of(),
        files,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  Runbooks givenRunbookFiles() throws Exception {
    Files.writeString(runbooks.resolve("dr-drill.yml"), DRILL);
    Files.writeString(runbooks.resolve("table-corruption.yml"), CORRUPTION);
    Files.writeString(runbooks.resolve("protected-resources.yml"), "tables: []\n");
    return RunbookDocumentControl.read("classpath*:no-such-runbooks/*.yml", runbooks);
  }

  @Test
  void shouldReadEachRunbooksDocumentControlAndSkipOtherYaml() throws Exception {
    assertThat(givenRunbookFiles().reviews())
        .extracting(RunbookReview::runbookId, r -> r.nextReview().toString(), RunbookReview::owner)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "dr-drill", "2026-12-01", "Database Operations Team"),
            org.assertj.core.groups.Tuple.tuple(
                "table-corruption", "2027-03-03", "Database Operations Team"));
  }

  @Test
  void shouldFindTheDrillRunbookOverdueWhenItsNextReviewHasPassed() throws Exception {
    ReadinessService readiness =
        serviceAt(Instant.parse("2026-12-03T09:00:00Z"), givenRunbookFiles());

    List<Finding> findings = readiness.assess(Trigger.of(Trigger.Kind.SCHEDULE)).serviceWide();

    assertThat(findings)
        .filteredOn(f -> f.check() == ReadinessCheck.RUNBOOK_REVIEW)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Finding.Status.FAILED);
              assertThat(f.evidence()).containsExactly("runbook:dr-drill");
              assertThat(f.detail())
                  .startsWith(
                      "runbook dr-drill ("
                          + runbooks.resolve("dr-drill.yml")
                          + ") review overdue:"
                          + " next review was 2026-12-01");
            });
  }

  @Test
  void shouldPassTheReviewCheckWhileEveryRunbookIsWithinItsReviewDate() throws Exception {
    ReadinessService readiness =
        serviceAt(Instant.parse("2026-11-30T09:00:00Z"), givenRunbookFiles());

    List<Finding> findings = readiness.assess(Trigger.of(Trigger.Kind.SCHEDULE)).serviceWide();

    assertThat(findings)
        .filteredOn(f -> f.check() == ReadinessCheck.RUNBOOK_REVIEW)
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Finding.Status.PASSED));
  }
}
