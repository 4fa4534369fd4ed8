package io.drautopilot.notifier.adapter.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.notifier.NotifierTestStack;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

class SnsChannelTest {

  static final Message MESSAGE = new Message("INC-9", "P1", "REGIONAL_FAILURE", 1, "On-call Engineer", "incident-opened",
      "[P1] INCIDENT: REGIONAL_FAILURE detected – us-east-1", "P1 INCIDENT: Regional database failure detected", Map.of());

  SnsClient sns() {
    NotifierTestStack.http();
    NotifierTestStack.resetHttp();
    AwsProperties properties = new AwsProperties();
    properties.setStaticCredentials(true);
    properties.setEndpoints(Map.of("sns", NotifierTestStack.http().baseUrl()));
    return new AwsClientFactory(properties).client(SnsClient.builder(), "sns", "us-east-1");
  }

  @Test
  void shouldPublishToTheEmergencyAlertsTopicAgainstTheSandboxStub() throws Exception {
    try (SnsClient sns = sns()) {
      new SnsChannel(sns, "arn:aws:sns:us-east-1:000000000000:tyler-setup-emergency-alerts")
          .deliver(MESSAGE, new Recipient("On-call Engineer", List.of()));
    }

    NotifierTestStack.http().verify(1, postRequestedFor(urlPathEqualTo("/"))
        .withRequestBody(containing("Action=Publish"))
        .withRequestBody(containing("Subject=%5BP1%5D+INCIDENT%3A+REGIONAL_FAILURE+detected+-+us-east-1")));
  }

  @Test
  void shouldReportThrottlingAsARetryableFailureWithTheRequestId() {
    try (SnsClient sns = sns()) {
      SnsChannel channel = new SnsChannel(sns, "arn:aws:sns:us-east-1:000000000000:alerts-throttled");

      assertThatThrownBy(() -> channel.deliver(MESSAGE, new Recipient("On-call Engineer", List.of())))
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("Throttling: Rate exceeded")
                .contains("7d3e1a2b-4c5d-5e6f-9a0b-1c2d3e4f5a6b");
          });
    }
  }

  @Test
  void shouldKeepSubjectsWithinSnsLimits() {
    assertThat(SnsChannel.subject("a – b\nc")).isEqualTo("a - b?c");
    assertThat(SnsChannel.subject("x".repeat(150))).hasSize(100).endsWith("...");
  }
}
