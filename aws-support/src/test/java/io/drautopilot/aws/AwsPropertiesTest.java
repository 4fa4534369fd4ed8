package io.drautopilot.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class AwsPropertiesTest {

  @Test
  void shouldPreferTheRegionalThenTheServiceThenTheDefaultEndpoint() {
    AwsProperties p = new AwsProperties();
    p.setEndpoints(
        Map.of(
            "default",
            "http://recorder:1",
            "dynamodb",
            "http://primary:2",
            "dynamodb.us-west-2",
            "http://secondary:3"));

    assertThat(p.endpointFor("dynamodb", "us-west-2")).isEqualTo(URI.create("http://secondary:3"));
    assertThat(p.endpointFor("dynamodb", "us-east-1")).isEqualTo(URI.create("http://primary:2"));
    assertThat(p.endpointFor("route53", "us-east-1")).isEqualTo(URI.create("http://recorder:1"));
    assertThat(new AwsProperties().endpointFor("route53", "us-east-1")).isNull();
  }

  @Test
  void shouldClassifyThrottlingAsRetryableAndAccessDeniedAsNotWithTheRequestId() {
    AwsServiceException throttled =
        DynamoDbException.builder()
            .statusCode(400)
            .requestId("req-1")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ThrottlingException")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
    AwsServiceException denied =
        DynamoDbException.builder()
            .statusCode(400)
            .requestId("req-2")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage("no")
                    .build())
            .build();

    assertThat(AwsFailures.of(throttled).getRetryable()).isTrue();
    assertThat(AwsFailures.of(throttled).getAwsRequestId()).isEqualTo("req-1");
    assertThat(AwsFailures.of(denied).getRetryable()).isFalse();
    assertThat(AwsFailures.of(denied).getCode()).isEqualTo("AccessDeniedException");
  }
}
