package io.drautopilot.aws;

/**
 * A handler's decision not to act (or that it cannot act), with the stable code its command failure
 * carries and whether trying again later may help, e.g. {@code TargetTableNotRecoveryTarget},
 * {@code ProtectedPrincipal}. Services extend it with their own name; {@link AwsFailures#ofAny}
 * turns it into the failure.
 */
public class ActionRefused extends RuntimeException {

  private final String code;
  private final boolean retryable;

  public ActionRefused(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
