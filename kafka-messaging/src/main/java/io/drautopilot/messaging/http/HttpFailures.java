package io.drautopilot.messaging.http;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.messaging.command.CommandFailureMapper;
import io.drautopilot.messaging.command.CommandResults;
import java.io.IOException;

/**
 * The command failure of a handler that calls an HTTP API, the counterpart of {@code AwsFailures} for services
 * without AWS: an {@link HttpCallException} keeps its code and retryability, any other I/O error is retryable,
 * anything else is {@link CommandFailureMapper#GENERIC}. A service declares it as its one failure mapping, usually
 * after its own refusals:
 *
 * <pre>
 * &#64;Bean CommandFailureMapper commandFailureMapper() {
 *   return e -&gt; e instanceof MyRefusal r ? CommandResults.failureOf(r.code(), r.getMessage(), r.retryable(), null)
 *       : HttpFailures.ofAny(e);
 * }
 * </pre>
 */
public final class HttpFailures {

  private HttpFailures() {}

  public static CommandFailure ofAny(Throwable e) {
    if (e instanceof HttpCallException h) {
      return CommandResults.failureOf(h.code(), h.getMessage(), h.retryable(), null);
    }
    if (e instanceof IOException) {
      return CommandResults.failureOf(e.getClass().getSimpleName(), e.getMessage(), true, null);
    }
    return CommandFailureMapper.GENERIC.failureOf(e);
  }

  /** {@link #ofAny} as the service's failure mapping. */
  public static CommandFailureMapper mapper() {
    return HttpFailures::ofAny;
  }
}
