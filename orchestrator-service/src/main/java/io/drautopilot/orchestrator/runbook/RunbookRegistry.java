package io.drautopilot.orchestrator.runbook;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded runbooks, by id and by the scenario they handle (one runbook per scenario). */
public final class RunbookRegistry {

  private final Map<String, Runbook> byId = new LinkedHashMap<>();
  private final Map<String, Runbook> byScenario = new LinkedHashMap<>();

  public RunbookRegistry(List<Runbook> runbooks) {
    for (Runbook r : runbooks) {
      if (byId.putIfAbsent(r.id(), r) != null) {
        throw new RunbookException(
            r.file(),
            "id",
            "runbook id '" + r.id() + "' is also used by " + byId.get(r.id()).file());
      }
      Runbook other = byScenario.putIfAbsent(r.scenario(), r);
      if (other != null) {
        throw new RunbookException(
            r.file(),
            "scenario",
            "scenario " + r.scenario() + " is already handled by " + other.file());
      }
    }
  }

  public Optional<Runbook> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<Runbook> forScenario(String scenario) {
    return Optional.ofNullable(byScenario.get(scenario));
  }

  public Collection<Runbook> all() {
    return byId.values();
  }

  /**
   * Readiness findings about the runbooks' document control on {@code today}: a review overdue
   * (the seed's "Next Review" passed) or no document control at all.
   */
  public List<String> reviewFindings(java.time.LocalDate today) {
    List<String> findings = new java.util.ArrayList<>();
    for (Runbook r : byId.values()) {
      Runbook.DocumentControl c = r.control();
      if (c == null) {
        findings.add(
            "runbook "
                + r.id()
                + " ("
                + r.file()
                + ") has no documentControl (owner, lastReviewed, nextReview, approvedBy)");
      } else if (c.overdue(today)) {
        findings.add(
            "runbook "
                + r.id()
                + " ("
                + r.file()
                + ") review overdue: next review was "
                + c.nextReview()
                + " (last "
                + c.lastReviewed()
                + "), owner "
                + c.owner());
      }
    }
    return findings;
  }
}
