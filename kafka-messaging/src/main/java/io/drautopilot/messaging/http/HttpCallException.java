package io.drautopilot.messaging.http;

/**
 * A call to an HTTP API that did not succeed, with what the command's failure needs: a stable code, whether
 * trying again later may help, and the status (null when no answer came at all).
 */
public class HttpCallException extends Exception {

  private final String code;
  private final boolean retryable;
  private final Integer status;
  private final int attempts;

  public HttpCallException(
      String code,
      String message,
      boolean retryable,
      Integer status,
      int attempts,
      Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryable = retryable;
    this.status = status;
    this.attempts = attempts;
  }

  /** Stable and short, e.g. {@code ServiceUnavailable}, {@code Http404}, {@code ConnectionFailed}. */
  public String code() {
    return code;
  }

  /** True for throttling, gateway errors, timeouts and connection failures: the orchestrator may retry the step. */
  public boolean retryable() {
    return retryable;
  }

  public Integer status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }
}
