package io.drautopilot.detector.domain;

/** The runbook's disaster scenarios (and its backup verification procedure) a signal can be classified into. */
public enum RunbookScenario {
  REGIONAL_FAILURE,
  TABLE_CORRUPTION,
  SECURITY_BREACH,
  PERFORMANCE_DEGRADATION,
  BACKUP_VERIFICATION
}
