package io.drautopilot.restore.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.localstack.SandboxStubs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The hand-signed AWS client against WireMock answering as AWS, or as whatever stands in front of it
 * (a load balancer's HTML page, an empty body): the HTTP status decides the failure, the body is detail.
 */
class SignedJsonClientIT {

  static final String HTML_404 =
      "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
          + "<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>";
  static final String HTML_503 =
      "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>";

  final WireMockServer aws = SandboxStubs.shared();
  final AwsBackupApi backup = new AwsBackupApi(ControlPlaneStubs.signedJson());

  @BeforeEach
  void reset() {
    SandboxStubs.reset();
  }

  CommandFailure describeRestoreJobAnswered(ResponseDefinitionBuilder answer) {
    aws.stubFor(get(urlPathEqualTo("/restore-jobs/job-1")).atPriority(1).willReturn(answer));
    Throwable thrown = catchThrowable(() -> backup.describeRestoreJob("job-1", "us-east-1"));
    assertThat(thrown).isInstanceOf(AwsServiceException.class);
    return AwsFailures.ofAny(thrown);
  }

  @Test
  void shouldFailNotRetryableWhenA404ComesWithAnHtmlPage() {
    CommandFailure f =
        describeRestoreJobAnswered(
            aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody(HTML_404));

    assertThat(f.getCode()).isEqualTo("HTTP404");
    assertThat(f.getRetryable()).isFalse();
    assertThat(f.getMessage())
        .contains("HTTP 404", "text/html", "Not Found")
        .doesNotContain("<", "Unexpected character");
  }

  @Test
  void shouldFailNotRetryableWhenA403ComesWithAnEmptyBody() {
    CommandFailure f =
        describeRestoreJobAnswered(
            aResponse().withStatus(403).withHeader("x-amzn-RequestId", "req-403"));

    assertThat(f.getCode()).isEqualTo("HTTP403");
    assertThat(f.getRetryable()).isFalse();
    assertThat(f.getMessage()).contains("HTTP 403", "empty body");
    assertThat(f.getAwsRequestId()).isEqualTo("req-403");
  }

  @Test
  void shouldStayRetryableWhenA503ComesWithAnHtmlPage() {
    CommandFailure f =
        describeRestoreJobAnswered(
            aResponse()
                .withStatus(503)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(HTML_503));

    assertThat(f.getCode()).isEqualTo("HTTP503");
    assertThat(f.getRetryable()).isTrue();
    assertThat(f.getMessage()).contains("503 Service Temporarily Unavailable");
  }

  @Test
  void shouldStayRetryableWhenA503ComesWithAnEmptyBody() {
    CommandFailure f = describeRestoreJobAnswered(aResponse().withStatus(503));

    assertThat(f.getRetryable()).isTrue();
    assertThat(f.getMessage()).contains("HTTP 503", "empty body");
  }

  @Test
  void shouldStayRetryableWhenThrottledWith429AndNoBody() {
    CommandFailure f = describeRestoreJobAnswered(aResponse().withStatus(429));

    assertThat(f.getCode()).isEqualTo("HTTP429");
    assertThat(f.getRetryable()).isTrue();
  }

  @Test
  void shouldKeepTheAwsErrorCodeMessageAndRequestIdOfAJsonError() {
    CommandFailure f =
        describeRestoreJobAnswered(
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "req-throttle")
                .withHeader(
                    "x-amzn-ErrorType",
                    "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/")
                .withBody("{\"Message\":\"Rate exceeded\"}"));

    assertThat(f.getCode()).isEqualTo("ThrottlingException");
    assertThat(f.getMessage()).isEqualTo("Rate exceeded");
    assertThat(f.getRetryable()).isTrue();
    assertThat(f.getAwsRequestId()).isEqualTo("req-throttle");
  }

  @Test
  void shouldFailNotRetryableOnAResourceNotFoundJsonError() {
    CommandFailure f =
        describeRestoreJobAnswered(
            aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "req-nf")
                .withBody(
                    "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Restore job job-1 not found\"}"));

    assertThat(f.getCode()).isEqualTo("ResourceNotFoundException");
    assertThat(f.getMessage()).isEqualTo("Restore job job-1 not found");
    assertThat(f.getRetryable()).isFalse();
  }
}
