package io.drautopilot.notifier.adapter.channel;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** SNS Publish to the emergency-alerts topic, as the runbook's "Activate Incident Response" step does by hand. */
public class SnsChannel implements Channel {

  private final SnsClient sns;
  private final String topicArn;

  public SnsChannel(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public String name() {
    return "sns";
  }

  @Override
  public boolean perContact() {
    return false;
  }

  @Override
  public void deliver(Message message, Recipient recipient) throws DeliveryException {
    try {
      sns.publish(
          PublishRequest.builder()
              .topicArn(topicArn)
              .subject(subject(message.subject()))
              .message(message.body())
              .messageAttributes(
                  Map.of(
                      "incidentId", attribute(message.incidentId()),
                      "severity", attribute(message.severity()),
                      "escalationLevel",
                          MessageAttributeValue.builder()
                              .dataType("Number")
                              .stringValue(Integer.toString(message.escalationLevel()))
                              .build()))
              .build());
    } catch (SdkException e) {
      CommandFailure f = AwsFailures.of(e);
      throw new DeliveryException(
          f.getCode()
              + ": "
              + f.getMessage()
              + (f.getAwsRequestId() == null ? "" : " (request " + f.getAwsRequestId() + ")"),
          f.getRetryable(),
          e);
    }
  }

  /** SNS subjects: printable ASCII, one line, at most 100 characters. */
  static String subject(String subject) {
    String ascii = subject.replaceAll("[\\u2013\\u2014]", "-").replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() > 100 ? ascii.substring(0, 97) + "..." : ascii;
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
