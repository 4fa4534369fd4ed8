package io.drautopilot.console.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A runbook as a person reviews it next to the seed document: its steps with the seed's section
 * titles, what each waits for, and who must approve it.
 *
 * @param file where it was read from
 */
public record Runbook(
    String id,
    int version,
    String title,
    String scenario,
    String file,
    DocumentControl control,
    List<Step> steps,
    List<Step> compensations) {

  /** The seed's "Document Control". */
  public record DocumentControl(
      String owner, LocalDate lastReviewed, LocalDate nextReview, String approvedBy) {

    public boolean overdue(LocalDate today) {
      return nextReview != null && today.isAfter(nextReview);
    }
  }

  /**
   * One step. {@code section} is the seed's section title the step belongs to (its own title, or the
   * numbered heading written above it); {@code forEach} steps run once per affected table.
   */
  public record Step(
      String id,
      String title,
      String section,
      String action,
      List<String> dependsOn,
      boolean forEach,
      String condition,
      String approvalRole,
      int approvers,
      String expected) {

    /** What the graph writes in the step's box: the section title when there is one, else the action. */
    public String label() {
      return section != null && !section.isBlank() ? section : action;
    }
  }

  public Optional<Step> step(String stepId) {
    return steps.stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .or(() -> compensations.stream().filter(s -> s.id().equals(stepId)).findFirst());
  }

  /**
   * The runbook step an incident's step is a copy of: the same id, or, for a per-table step, the
   * longest step id the incident's step id starts with.
   */
  public Optional<Step> stepOf(String incidentStepId) {
    Optional<Step> exact = step(incidentStepId);
    if (exact.isPresent()) {
      return exact;
    }
    return java.util.stream.Stream.concat(steps.stream(), compensations.stream())
        .filter(s -> s.forEach() && incidentStepId.startsWith(s.id()))
        .max(java.util.Comparator.comparingInt(s -> s.id().length()));
  }
}
