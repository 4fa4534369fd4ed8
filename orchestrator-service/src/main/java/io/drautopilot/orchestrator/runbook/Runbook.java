package io.drautopilot.orchestrator.runbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One runbook as a person reviews it next to the seed document: its steps (a DAG), the steps that
 * undo others (compensations), variables with defaults, which step output is the restore point (for
 * the measured RPO), which step, once succeeded, marks the service as recovered (for the RTO), and
 * its document control (who owns it, when it was last reviewed and is next due, who approved it).
 * {@code failureSeverity}: the severity a failed run is raised to (a failed backup verification is
 * P2 in the seed), or null. {@code copies}: the suffixes of the per-table copies in an incident's runbook (empty in the file's).
 */
public record Runbook(
    String id,
    int version,
    String title,
    String scenario,
    String file,
    Map<String, String> vars,
    List<Step> steps,
    List<Step> compensations,
    Template rpoFrom,
    String resolvedWhen,
    boolean escalation,
    DocumentControl control,
    String failureSeverity,
    List<String> copies) {

  /** The seed's "Document Control": owner, last review, next review, approved by. */
  public record DocumentControl(
      String owner, LocalDate lastReviewed, LocalDate nextReview, String approvedBy) {

    public boolean overdue(LocalDate today) {
      return nextReview != null && today.isAfter(nextReview);
    }
  }

  public Runbook(
      String id,
      int version,
      String title,
      String scenario,
      String file,
      Map<String, String> vars,
      List<Step> steps,
      List<Step> compensations,
      Template rpoFrom,
      String resolvedWhen,
      boolean escalation,
      DocumentControl control,
      String failureSeverity) {
    this(
        id,
        version,
        title,
        scenario,
        file,
        vars,
        steps,
        compensations,
        rpoFrom,
        resolvedWhen,
        escalation,
        control,
        failureSeverity,
        List.of());
  }

  public Optional<Step> step(String stepId) {
    return steps.stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .or(() -> compensations.stream().filter(s -> s.id().equals(stepId)).findFirst());
  }

  public boolean isCompensation(String stepId) {
    return compensations.stream().anyMatch(s -> s.id().equals(stepId));
  }

  /** The ids (as written) of the steps and compensations that run once per affected table. */
  public Set<String> perTable() {
    Set<String> ids = new LinkedHashSet<>();
    steps.stream()
        .filter(Step::forEach)
        .forEach(s -> ids.add(s.id().substring(0, s.id().length() - s.suffix().length())));
    compensations.stream()
        .filter(Step::forEach)
        .forEach(s -> ids.add(s.id().substring(0, s.id().length() - s.suffix().length())));
    return ids;
  }

  /**
   * The runbook an incident on {@code tables} runs: every per-table step once per table, in
   * parallel (each table's restore is independent, and doing them in turn would add one restore's
   * time, about 20 minutes for PITR, per table to the RTO). With one table the copies keep the
   * runbook's step ids; with several, each copy's id ends with its table's catalogue name
   * ({@code cut-over-events}). Deterministic: the same tables give the same runbook.
   */
  public Runbook forTables(List<ProtectedResources.Table> tables) {
    Set<String> perTable = perTable();
    if (perTable.isEmpty()) {
      return this;
    }
    List<String> suffixes =
        tables.size() <= 1 ? List.of("") : tables.stream().map(t -> "-" + t.name()).toList();
    List<Map<String, String>> resources =
        tables.isEmpty()
            ? List.of(Map.of())
            : tables.stream().map(ProtectedResources.Table::values).toList();
    return new Runbook(
        id,
        version,
        title,
        scenario,
        file,
        vars,
        expand(steps, perTable, suffixes, resources),
        expand(compensations, perTable, suffixes, resources),
        rpoFrom,
        resolvedWhen,
        escalation,
        control,
        failureSeverity,
        suffixes);
  }

  private static List<Step> expand(
      List<Step> steps,
      Set<String> perTable,
      List<String> suffixes,
      List<Map<String, String>> resources) {
    List<Step> out = new ArrayList<>();
    for (Step step : steps) {
      if (step.forEach()) {
        for (int i = 0; i < suffixes.size(); i++) {
          out.add(step.expanded(suffixes.get(i), resources.get(i), perTable, suffixes));
        }
      } else {
        out.add(step.expanded("", null, perTable, suffixes));
      }
    }
    return List.copyOf(out);
  }
}
