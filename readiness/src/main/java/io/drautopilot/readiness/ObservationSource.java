package io.drautopilot.readiness;

/** Which kind of run measured a restore: every one of them is evidence of how long the next will take. */
public enum ObservationSource {
  /** A real recovery (table corruption, regional failure). */
  INCIDENT,
  /** The monthly backup verification's scratch restore. */
  BACKUP_VERIFICATION,
  /** The quarterly disaster-recovery drill. */
  DR_DRILL
}
