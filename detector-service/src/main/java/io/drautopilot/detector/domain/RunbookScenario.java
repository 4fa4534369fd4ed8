package io.drautopilot.detector.domain;

/**
 * The runbook's disaster scenarios a signal can be classified into, and its two maintenance procedures (started on
 * their schedule, see {@link MaintenanceProcedure}).
 */
public enum RunbookScenario {
  REGIONAL_FAILURE,
  TABLE_CORRUPTION,
  SECURITY_BREACH,
  PERFORMANCE_DEGRADATION,
  BACKUP_VERIFICATION,
  DR_DRILL
}
