package io.drautopilot.restore.domain;

/**
 * A decision not to act (or not able to act), with a stable code the orchestrator can branch on,
 * e.g. {@code TargetTableNotRecoveryTarget}, {@code ValidationNotPassed}, {@code NoRestorePoint}.
 */
public class RestoreRefusedException extends RuntimeException {

  private final String code;
  private final boolean retryable;

  public RestoreRefusedException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  public RestoreRefusedException(String code, String message) {
    this(code, message, false);
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
