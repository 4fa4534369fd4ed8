package io.drautopilot.containment.domain;

import io.drautopilot.aws.ActionRefused;

/**
 * A containment action that was refused (protect-list, missing approval, too short a pending window)
 * or that AWS reported as not done although the call succeeded; carries the code the result reports.
 */
public class ContainmentException extends ActionRefused {

  public ContainmentException(String code, String message, boolean retryable) {
    super(code, message, retryable);
  }

  public static ContainmentException refused(String code, String message) {
    return new ContainmentException(code, message, false);
  }
}
