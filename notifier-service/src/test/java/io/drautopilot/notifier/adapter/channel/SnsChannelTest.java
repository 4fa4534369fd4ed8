package io.drautopilot.notifier.adapter.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.notifier.NotifierTestStack;
import io.drautopilot.notifier.domain.Contact;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

class SnsChannelTest {

  static final Message MESSAGE =
      new Message(
          "INC-9",
          "P1",
          "REGIONAL_FAILURE",
          1,
          "On-call Engineer",
          "incident-opened",
          "[P1] INCIDENT: REGIONAL_FAILURE detected – us-east-1",
          "P1 INCIDENT: Regional database failure detected",
          Map.of());

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

    NotifierTestStack.http()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .withRequestBody(
                    containing(
                        "Subject=%5BP1%5D+INCIDENT%3A+REGIONAL_FAILURE+detected+-+us-east-1")));
  }

  @Test
  void shouldReportThrottlingAsARetryableFailureWithTheRequestId() {
    try (SnsClient sns = sns()) {
      SnsChannel channel =
          new SnsChannel(sns, "arn:aws:sns:us-east-1:000000000000:alerts-throttled");

      assertThatThrownBy(
              () -> channel.deliver(MESSAGE, new Recipient("On-call Engineer", List.of())))
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage())
                    .startsWith("Throttling: Rate exceeded")
                    .contains("7d3e1a2b-4c5d-5e6f-9a0b-1c2d3e4f5a6b");
              });
    }
  }

  @Test
  void shouldKeepSubjectsWithinSnsLimits() {
    assertThat(SnsChannel.subject("a – b\nc")).isEqualTo("a - b?c");
    assertThat(SnsChannel.subject("x".repeat(150))).hasSize(100).endsWith("...");
  }

  @Test
  void shouldTextTheContactsPhoneInE164WhenSmsIsUsed() throws Exception {
    Contact dba =
        new Contact("Database Admin", "John Doe", "Jane Smith", "+1-555-0100", "dba@candlefish.ai");
    try (SnsClient sns = sns()) {
      new SnsSmsChannel(sns).deliver(MESSAGE, new Recipient(dba.label(), List.of(dba)));
    }

    NotifierTestStack.http()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("PhoneNumber=%2B15550100"))
                .withRequestBody(notContaining("TopicArn")));
  }

  @Test
  void shouldMaskThePhoneNumberWhenTextingFails() {
    // given SNS refuses the number
    Contact dba = new Contact("Database Admin", "John Doe", null, "+1-555-0100", null);
    try (SnsClient sns = sns()) {
      NotifierTestStack.http()
          .stubFor(
              post(urlPathEqualTo("/"))
                  .withRequestBody(containing("PhoneNumber"))
                  .atPriority(1)
                  .willReturn(
                      aResponse()
                          .withStatus(400)
                          .withHeader("Content-Type", "text/xml")
                          .withHeader("x-amzn-RequestId", "5e1f2a3b-0000-4c5d-9e8f-111111111111")
                          .withBody(
                              "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                                  + "<Code>InvalidParameter</Code><Message>Invalid parameter: PhoneNumber Reason: +15550100 is not valid"
                                  + "</Message></Error><RequestId>5e1f2a3b-0000-4c5d-9e8f-111111111111</RequestId></ErrorResponse>")));

      // when / then a permanent failure that names the role, with the number masked
      assertThatThrownBy(
              () ->
                  new SnsSmsChannel(sns).deliver(MESSAGE, new Recipient(dba.label(), List.of(dba))))
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage())
                    .contains("Database Admin")
                    .contains("+1555…00")
                    .doesNotContain("+15550100")
                    .doesNotContain("555-0100");
              });
    }
  }
}
