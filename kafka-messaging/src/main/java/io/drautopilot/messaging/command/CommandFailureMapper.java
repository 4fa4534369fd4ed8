package io.drautopilot.messaging.command;

import io.drautopilot.contracts.common.CommandFailure;

/**
 * The one place a handler's exception becomes its command's typed failure. The dispatcher uses the
 * service's {@code CommandFailureMapper} bean, or {@link #GENERIC} when there is none; services that
 * call AWS get the AWS-aware one from {@code aws-support} (refusals keep their code and retryability,
 * AWS errors their code and request id).
 */
@FunctionalInterface
public interface CommandFailureMapper {

  /** Any exception under its class name, not retryable: nothing is known about it. */
  CommandFailureMapper GENERIC =
      e -> CommandResults.failureOf(e.getClass().getSimpleName(), e.getMessage(), false, null);

  CommandFailure failureOf(Throwable e);
}
