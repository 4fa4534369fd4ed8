package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.engine.DryRun;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the REST API. */
public final class ApiModels {

  private ApiModels() {}

  public record IncidentSummary(String incidentId, String fingerprint, String scenario, String severity, String region,
                                String runbookId, Integer runbookVersion, String phase, boolean resolved, String outcome,
                                boolean acknowledged, int escalationLevel, Instant openedAt, Instant resolvedAt,
                                Long measuredRtoSeconds, Long measuredRpoSeconds, Instant conditionClearedAt) {

    static IncidentSummary of(IncidentState s) {
      return new IncidentSummary(s.incidentId, s.fingerprint, s.scenario, s.severity, s.region, s.runbookId, s.runbookVersion,
          s.phase.name(), s.resolved, s.outcome, s.acknowledged, s.escalationLevel, s.openedAt, s.resolvedAt,
          s.measuredRtoSeconds, s.measuredRpoSeconds, s.conditionClearedAt);
    }
  }

  public record StepView(String stepId, String status, int attempt, Instant startedAt, Instant deadline, Instant finishedAt,
                         Map<String, String> parameters, Map<String, String> outputs, List<String> approvers, String failure,
                         boolean compensation) {}

  public record IncidentDetail(IncidentSummary incident, List<String> affectedResources, List<StepView> steps) {

    static IncidentDetail of(IncidentState s) {
      return new IncidentDetail(IncidentSummary.of(s), s.affectedResources, s.steps.entrySet().stream()
          .map(e -> new StepView(e.getKey(), e.getValue().status.name(), e.getValue().attempt, e.getValue().startedAt,
              e.getValue().deadline, e.getValue().finishedAt, e.getValue().parameters, e.getValue().outputs,
              e.getValue().approvers, e.getValue().failure, e.getValue().compensation)).toList());
    }
  }

  public record ApprovalRequest(String comment) {}

  public record AcknowledgeRequest(String note) {}

  public record CancelRequest(String reason) {}

  public record Accepted(String incidentId, String eventId, String topic) {}

  public record RunbookView(String id, int version, String title, String scenario, String file, List<String> steps,
                            List<String> compensations, Map<String, String> variables,
                            io.drautopilot.orchestrator.runbook.Runbook.DocumentControl documentControl) {}

  /** A runbook to check, and the incident to plan it for; {@code outputs} imagines step results (stepId → outputs). */
  public record ValidateRequest(String yaml, String fileName, IncidentExample incident, Map<String, Map<String, String>> outputs) {}

  public record IncidentExample(String severity, String region, List<String> affectedResources, Instant impactStartedAt,
                                Instant detectedAt) {}

  /** The planned commands, with the runbook's document control (owner, last and next review, approved by). */
  public record Plan(String runbookId, int version, String scenario, List<DryRun.PlannedCommand> commands,
                     io.drautopilot.orchestrator.runbook.Runbook.DocumentControl documentControl) {}

  public record RunbookProblem(String file, String location, String reason) {}
}
