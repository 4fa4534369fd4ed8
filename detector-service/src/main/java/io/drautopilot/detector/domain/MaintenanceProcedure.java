package io.drautopilot.detector.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The runbook's maintenance procedures: each run is raised as a detection of its scenario. */
public enum MaintenanceProcedure {
  BACKUP_VERIFICATION(
      "backup-verification", RunbookScenario.BACKUP_VERIFICATION, "monthly backup verification"),
  DR_DRILL("dr-drill", RunbookScenario.DR_DRILL, "quarterly disaster recovery drill");

  private final String id;
  private final RunbookScenario scenario;
  private final String title;

  MaintenanceProcedure(String id, RunbookScenario scenario, String title) {
    this.id = id;
    this.scenario = scenario;
    this.title = title;
  }

  /** The name callers and configuration use ({@code backup-verification}, {@code dr-drill}). */
  public String id() {
    return id;
  }

  public RunbookScenario scenario() {
    return scenario;
  }

  public String title() {
    return title;
  }

  public static Optional<MaintenanceProcedure> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
  }
}
