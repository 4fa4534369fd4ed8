package io.drautopilot.restore.domain;

/**
 * Whether a restore may write into its target table. A restore never writes over data it did not
 * put there: the target must not exist yet, or be the one this same restore started (a redelivered
 * command resuming), or be empty. Anything else is refused with {@code TargetTableNotRecoveryTarget}.
 */
public final class RecoveryTargetPolicy {

  /** What is known about the target table. */
  public enum TargetState {
    ABSENT,
    CREATED_BY_THIS_RESTORE,
    EMPTY,
    HOLDS_OTHER_DATA
  }

  private RecoveryTargetPolicy() {}

  public static void check(String sourceTable, String targetTable, TargetState state) {
    if (sourceTable != null && sourceTable.equals(targetTable)) {
      throw new RestoreRefusedException(
          "TargetTableNotRecoveryTarget",
          "refusing to restore "
              + sourceTable
              + " over itself: restore into a recovery table and cut over");
    }
    if (state == TargetState.HOLDS_OTHER_DATA) {
      throw new RestoreRefusedException(
          "TargetTableNotRecoveryTarget",
          "table "
              + targetTable
              + " already exists with data this restore did not write; refusing to restore over it");
    }
  }
}
