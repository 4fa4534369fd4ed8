package io.drautopilot.aws;

import io.drautopilot.contracts.common.CommandFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS errors as typed command failures: the AWS error code, the message, whether retrying can help
 * (throttling, limits, 5xx, timeouts) and the AWS request id, for the support case.
 */
public final class AwsFailures {

  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "ThrottlingException",
          "Throttling",
          "ThrottledException",
          "RequestLimitExceeded",
          "TooManyRequestsException",
          "ProvisionedThroughputExceededException",
          "RequestThrottled",
          "RequestThrottledException",
          "LimitExceededException",
          "PriorRequestNotComplete",
          "ServiceUnavailable",
          "ServiceUnavailableException",
          "InternalFailure",
          "InternalServerError",
          "InternalServerException",
          "RequestTimeout",
          "RequestTimeoutException",
          "TransactionInProgressException",
          "ResourceInUseException",
          "ResourceConflictException");

  private AwsFailures() {}

  public static CommandFailure of(SdkException e) {
    if (e instanceof AwsServiceException ase) {
      String code = code(ase);
      String message = awsMessage(ase) != null ? awsMessage(ase) : ase.getMessage();
      boolean retryable =
          RETRYABLE_CODES.contains(code) || ase.isThrottlingException() || ase.statusCode() >= 500;
      return CommandFailure.newBuilder()
          .setCode(code)
          .setMessage(message)
          .setRetryable(retryable)
          .setAwsRequestId(ase.requestId())
          .build();
    }
    boolean retryable = e instanceof SdkClientException || e.retryable();
    return CommandFailure.newBuilder()
        .setCode(e.getClass().getSimpleName())
        .setMessage(String.valueOf(e.getMessage()))
        .setRetryable(retryable)
        .setAwsRequestId(null)
        .build();
  }

  /**
   * Any exception of a handler as its command failure: a refusal with its code, an AWS error (also
   * as the cause) with its code and request id, an I/O error as retryable {@code IOError}, anything
   * else under its class name, not retryable.
   */
  public static CommandFailure ofAny(Throwable e) {
    if (e instanceof ActionRefused r) {
      return of(r.code(), r.getMessage() == null ? r.code() : r.getMessage(), r.retryable());
    }
    if (e instanceof SdkException sdk) {
      return of(sdk);
    }
    if (e.getCause() instanceof SdkException sdk) {
      return of(sdk);
    }
    if (e instanceof java.io.UncheckedIOException io) {
      return of("IOError", String.valueOf(io.getMessage()), true);
    }
    String code = e.getClass().getSimpleName();
    return of(code, e.getMessage() == null ? code : e.getMessage(), false);
  }

  /**
   * One line for a person: an AWS error as its code, its message when AWS gave one, and the HTTP status
   * ({@code UnknownOperationException (HTTP 400)}), without the SDK's request id and attempt count (the logs keep
   * the whole message); any other SDK error as its message.
   */
  public static String summary(SdkException e) {
    if (e instanceof AwsServiceException ase) {
      String message = awsMessage(ase);
      return code(ase)
          + (message == null || message.isBlank() ? "" : ": " + message)
          + " (HTTP "
          + ase.statusCode()
          + ")";
    }
    return String.valueOf(e.getMessage());
  }

  /** The AWS error code, else the exception's class. */
  private static String code(AwsServiceException ase) {
    return ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null
        ? ase.awsErrorDetails().errorCode()
        : ase.getClass().getSimpleName();
  }

  /** The message AWS sent with the error, if any (not the SDK's own summary of it). */
  private static String awsMessage(AwsServiceException ase) {
    return ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
  }

  public static CommandFailure of(String code, String message, boolean retryable) {
    return CommandFailure.newBuilder()
        .setCode(code)
        .setMessage(message)
        .setRetryable(retryable)
        .setAwsRequestId(null)
        .build();
  }
}
