package io.drautopilot.orchestrator.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One runbook as a person reviews it next to the seed document: its steps (a DAG), the steps that
 * undo others (compensations), variables with defaults, which step output is the restore point (for
 * the measured RPO) and which step, once succeeded, marks the service as recovered (for the RTO).
 */
public record Runbook(String id, int version, String title, String scenario, String file,
                      Map<String, String> vars, List<Step> steps, List<Step> compensations,
                      Template rpoFrom, String resolvedWhen, boolean escalation) {

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst()
        .or(() -> compensations.stream().filter(s -> s.id().equals(stepId)).findFirst());
  }

  public boolean isCompensation(String stepId) {
    return compensations.stream().anyMatch(s -> s.id().equals(stepId));
  }
}
