package io.drautopilot.containment.domain;

/**
 * A containment action that was refused (protect-list, missing approval, too short a pending window)
 * or that AWS reported as not done although the call succeeded; carries the code the result reports.
 */
public class ContainmentException extends RuntimeException {

  private final String code;
  private final boolean retryable;

  public ContainmentException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  public static ContainmentException refused(String code, String message) {
    return new ContainmentException(code, message, false);
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
