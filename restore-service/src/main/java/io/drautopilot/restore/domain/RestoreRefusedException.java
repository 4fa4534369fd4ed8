package io.drautopilot.restore.domain;

import io.drautopilot.aws.ActionRefused;

/**
 * A decision not to act (or not able to act), with a stable code the orchestrator can branch on,
 * e.g. {@code TargetTableNotRecoveryTarget}, {@code ValidationNotPassed}, {@code NoRestorePoint}.
 */
public class RestoreRefusedException extends ActionRefused {

  public RestoreRefusedException(String code, String message, boolean retryable) {
    super(code, message, retryable);
  }

  public RestoreRefusedException(String code, String message) {
    this(code, message, false);
  }
}
