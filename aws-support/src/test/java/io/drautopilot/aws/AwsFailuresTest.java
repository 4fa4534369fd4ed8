package io.drautopilot.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.CommandFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailuresTest {

  static AwsServiceException aws(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build())
        .build();
  }

  @Test
  void aRefusalKeepsItsCodeAndRetryability() {
    CommandFailure f = AwsFailures.ofAny(new ActionRefused("TableInUse", "still CREATING", true));

    assertThat(f.getCode()).isEqualTo("TableInUse");
    assertThat(f.getMessage()).isEqualTo("still CREATING");
    assertThat(f.getRetryable()).isTrue();
    assertThat(f.getAwsRequestId()).isNull();
  }

  @Test
  void anAwsErrorAlsoAsTheCauseKeepsItsCodeAndRequestId() {
    CommandFailure direct = AwsFailures.ofAny(aws("AccessDeniedException", 400));
    CommandFailure wrapped =
        AwsFailures.ofAny(
            new IllegalStateException("while importing", aws("ThrottlingException", 400)));

    assertThat(direct.getCode()).isEqualTo("AccessDeniedException");
    assertThat(direct.getRetryable()).isFalse();
    assertThat(direct.getAwsRequestId()).isEqualTo("req-1");
    assertThat(wrapped.getCode()).isEqualTo("ThrottlingException");
    assertThat(wrapped.getRetryable()).isTrue();
  }

  @Test
  void aSummaryForAPersonNamesTheErrorAndItsStatusWithoutTheRequestIdOrAttemptCount() {
    AwsServiceException withoutMessage =
        AwsServiceException.builder()
            .statusCode(400)
            .requestId("req-2")
            .message(
                "Service returned error code UnknownOperationException (Service: DynamoDb, Status Code: 400,"
                    + " Request ID: req-2) (SDK Attempt Count: 1)")
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode("UnknownOperationException").build())
            .build();

    assertThat(AwsFailures.summary(withoutMessage))
        .isEqualTo("UnknownOperationException (HTTP 400)");
    assertThat(AwsFailures.summary(aws("AccessDeniedException", 400)))
        .isEqualTo("AccessDeniedException: AccessDeniedException happened (HTTP 400)");
    assertThat(
            AwsFailures.summary(
                SdkClientException.create("Unable to execute HTTP request: Connection refused")))
        .isEqualTo("Unable to execute HTTP request: Connection refused");
  }

  @Test
  void anIoErrorIsRetryableAndAnythingElseIsNotRetryableUnderItsClassName() {
    assertThat(AwsFailures.ofAny(new UncheckedIOException(new IOException("disk full"))))
        .satisfies(
            f -> {
              assertThat(f.getCode()).isEqualTo("IOError");
              assertThat(f.getRetryable()).isTrue();
            });
    assertThat(AwsFailures.ofAny(new IllegalArgumentException()))
        .satisfies(
            f -> {
              assertThat(f.getCode()).isEqualTo("IllegalArgumentException");
              assertThat(f.getMessage()).isEqualTo("IllegalArgumentException");
              assertThat(f.getRetryable()).isFalse();
            });
  }
}
