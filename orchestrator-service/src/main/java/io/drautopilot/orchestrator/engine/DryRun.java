package io.drautopilot.orchestrator.engine;

import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.Runbook;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The plan of commands a runbook would emit for an incident, computed by running the real engine
 * against imagined handlers that succeed with the given outputs (and approvers who approve).
 * Nothing is emitted anywhere.
 */
public final class DryRun {

  public record PlannedCommand(
      String stepId, int attempt, String action, Map<String, String> parameters) {}

  /** A dry run plans the runbook's commands; pages and notifications go to no one. */
  private static final String NO_NOTIFIER = "none";

  private DryRun() {}

  public static List<PlannedCommand> plan(
      Runbook runbook, Inputs.Detection detection, Map<String, Map<String, String>> outputs) {
    return plan(runbook, detection, outputs, ProtectedResources.none());
  }

  /** With the protected-resources catalogue, so per-table steps show the affected table's functions and variables. */
  public static List<PlannedCommand> plan(
      Runbook runbook,
      Inputs.Detection detection,
      Map<String, Map<String, String>> outputs,
      ProtectedResources resources) {
    if (Arrays.stream(Severity.values())
        .noneMatch(known -> known.name().equals(detection.severity()))) {
      // the engine records the incident it plans for as a detector reports one: in the contract's
      // terms
      throw new UnknownSeverity(detection.severity());
    }
    RunbookEngine engine =
        new RunbookEngine(
            new RunbookRegistry(List.of(runbook)),
            new EngineSettings(List.of(), NO_NOTIFIER),
            resources);
    IncidentState state = new IncidentState();
    List<Effect> pending = new ArrayList<>(engine.open(state, detection));
    List<PlannedCommand> plan = new ArrayList<>();
    Instant at = detection.detectedAt();
    int guard = 0;
    while (!pending.isEmpty() && guard++ < 1000) {
      Effect e = pending.remove(0);
      at = at.plusSeconds(1);
      if (e instanceof Effect.Command c && c.action().equals(NO_NOTIFIER)) {
        continue;
      } else if (e instanceof Effect.Command c) {
        plan.add(
            new PlannedCommand(
                c.ref().stepId(),
                c.ref().attempt(),
                c.action(),
                RunbookEngine.flat(c.parameters())));
        pending.addAll(
            engine.onResult(
                state,
                new Inputs.StepResult(
                    "dry-run-" + guard,
                    c.ref().stepId(),
                    c.ref().attempt(),
                    at,
                    true,
                    outputs.getOrDefault(c.ref().stepId(), Map.of()),
                    null,
                    null,
                    false)));
      } else if (e instanceof Effect.Timeline t && t.fact() instanceof ApprovalRequested r) {
        for (int i = 1; i <= r.getRequiredApprovers(); i++) {
          pending.addAll(
              engine.onApproval(
                  state,
                  new Inputs.Approval(
                      "dry-run-approval-" + guard + "-" + i,
                      t.ref().stepId(),
                      "approver-" + i,
                      List.of(r.getRequiredRole()),
                      true,
                      null,
                      at)));
        }
      }
    }
    return plan;
  }

  /** The example incident's severity is not one of the contract's. */
  public static final class UnknownSeverity extends IllegalArgumentException {
    UnknownSeverity(String severity) {
      super("unknown severity '" + severity + "': one of " + Arrays.toString(Severity.values()));
    }
  }
}
