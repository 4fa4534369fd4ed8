package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.engine.DryRun;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the REST API. */
public final class ApiModels {

  private ApiModels() {}

  public record IncidentSummary(
      String incidentId,
      String fingerprint,
      String scenario,
      String severity,
      String region,
      String runbookId,
      Integer runbookVersion,
      String phase,
      boolean resolved,
      String outcome,
      boolean acknowledged,
      int escalationLevel,
      Instant openedAt,
      Instant resolvedAt,
      Long measuredRtoSeconds,
      Long measuredRpoSeconds,
      Instant conditionClearedAt) {

    static IncidentSummary of(IncidentState s, BreachSubjects subjects) {
      return new IncidentSummary(
          s.incidentId,
          subjects.mask(s.fingerprint),
          s.scenario,
          s.severity,
          s.region,
          s.runbookId,
          s.runbookVersion,
          s.phase.name(),
          s.resolved,
          subjects.mask(s.outcome),
          s.acknowledged,
          s.escalationLevel,
          s.openedAt,
          s.resolvedAt,
          s.measuredRtoSeconds,
          s.measuredRpoSeconds,
          s.conditionClearedAt);
    }
  }

  public record StepView(
      String stepId,
      String status,
      int attempt,
      Instant startedAt,
      Instant deadline,
      Instant finishedAt,
      Map<String, String> parameters,
      Map<String, String> outputs,
      List<String> approvers,
      String failure,
      boolean compensation) {}

  /**
   * {@code subjects}: what a breach incident's evidence names (principalName, accessKeyId, sourceIp...),
   * each value {@value BreachSubjects#REDACTED} unless the caller is a security officer; so are
   * their occurrences in parameters, outputs and failures.
   */
  public record IncidentDetail(
      IncidentSummary incident,
      List<String> affectedResources,
      Map<String, String> subjects,
      List<StepView> steps) {

    static IncidentDetail of(IncidentState s, BreachSubjects subjects) {
      return new IncidentDetail(
          IncidentSummary.of(s, subjects),
          s.affectedResources,
          subjects.view(),
          s.steps.entrySet().stream()
              .map(
                  e ->
                      new StepView(
                          e.getKey(),
                          e.getValue().status.name(),
                          e.getValue().attempt,
                          e.getValue().startedAt,
                          e.getValue().deadline,
                          e.getValue().finishedAt,
                          subjects.mask(e.getValue().parameters),
                          subjects.mask(e.getValue().outputs),
                          e.getValue().approvers,
                          subjects.mask(e.getValue().failure),
                          e.getValue().compensation))
              .toList());
    }
  }

  /** A timeline line, its detail with breach subjects redacted unless the caller is a security officer. */
  static List<IncidentState.Note> timeline(IncidentState s, BreachSubjects subjects) {
    return s.timeline.stream()
        .map(
            n ->
                new IncidentState.Note(
                    n.type(),
                    n.at(),
                    n.stepId(),
                    n.attempt(),
                    n.eventId(),
                    subjects.mask(n.detail())))
        .toList();
  }

  public record ApprovalRequest(String comment) {}

  public record AcknowledgeRequest(String note) {}

  public record CancelRequest(String reason) {}

  public record Accepted(String incidentId, String eventId, String topic) {}

  public record RunbookView(
      String id,
      int version,
      String title,
      String scenario,
      String file,
      List<String> steps,
      List<String> compensations,
      Map<String, String> variables,
      io.drautopilot.orchestrator.runbook.Runbook.DocumentControl documentControl) {}

  /** A runbook to check, and the incident to plan it for; {@code outputs} imagines step results (stepId → outputs). */
  public record ValidateRequest(
      String yaml,
      String fileName,
      IncidentExample incident,
      Map<String, Map<String, String>> outputs) {}

  public record IncidentExample(
      String severity,
      String region,
      List<String> affectedResources,
      Instant impactStartedAt,
      Instant detectedAt) {}

  /** The planned commands, with the runbook's document control (owner, last and next review, approved by). */
  public record Plan(
      String runbookId,
      int version,
      String scenario,
      List<DryRun.PlannedCommand> commands,
      io.drautopilot.orchestrator.runbook.Runbook.DocumentControl documentControl) {}

  public record RunbookProblem(String file, String location, String reason) {}
}
