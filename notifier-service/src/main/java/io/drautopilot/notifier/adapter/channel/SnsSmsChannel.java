package io.drautopilot.notifier.adapter.channel;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.Contact;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * An SMS to each contact's phone (SNS Publish with {@code PhoneNumber}), for pages that must reach a
 * person away from a screen. The number is contact data: it goes to SNS only, never into a log or an
 * event (failures name the role and a masked number).
 */
public class SnsSmsChannel implements Channel {

  /** SNS delivers at most 1600 characters; a page needs the first lines only. */
  static final int MAX_LENGTH = 1600;

  private final SnsClient sns;

  public SnsSmsChannel(SnsClient sns) {
    this.sns = sns;
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public boolean perContact() {
    return true;
  }

  /** Only contacts with a phone number are texted; the others are reached on the other channels. */
  @Override
  public boolean reaches(Contact contact) {
    return contact.phone() != null && !contact.phone().isBlank();
  }

  @Override
  public void deliver(Message message, Recipient recipient) throws DeliveryException {
    Contact contact = recipient.contacts().get(0);
    String number = e164(contact.phone());
    try {
      sns.publish(
          PublishRequest.builder()
              .phoneNumber(number)
              .message(text(message))
              .messageAttributes(
                  Map.of(
                      "AWS.SNS.SMS.SMSType",
                      MessageAttributeValue.builder()
                          .dataType("String")
                          .stringValue("Transactional")
                          .build()))
              .build());
    } catch (SdkException e) {
      CommandFailure f = AwsFailures.of(e);
      throw new DeliveryException(
          f.getCode()
              + " texting "
              + contact.role()
              + " at "
              + mask(number)
              + ": "
              + f.getMessage().replace(number, mask(number))
              + (f.getAwsRequestId() == null ? "" : " (request " + f.getAwsRequestId() + ")"),
          f.getRetryable(),
          e);
    }
  }

  static String text(Message message) {
    String text = message.subject() + "\n" + message.body();
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 3) + "..." : text;
  }

  /** The seed writes numbers as {@code +1-555-0100}; SNS wants E.164, {@code +15550100}. */
  static String e164(String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    return "+" + digits;
  }

  /** Enough to tell numbers apart in a log, not enough to call: {@code +1555…00}. */
  public static String mask(String phone) {
    String n = e164(phone);
    return n.length() <= 6 ? "…" : n.substring(0, 5) + "…" + n.substring(n.length() - 2);
  }
}
