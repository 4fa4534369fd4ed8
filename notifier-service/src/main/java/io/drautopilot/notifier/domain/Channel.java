package io.drautopilot.notifier.domain;

/** A way to reach people (SMTP, SNS, Slack, PagerDuty, a generic webhook). */
public interface Channel {

  /** The name routes refer to and the log records, e.g. {@code email}. */
  String name();

  /** True when every contact gets their own delivery (email); false for one delivery per level (a Slack channel). */
  boolean perContact();

  /** Whether a per-contact channel can reach the contact at all (SMS needs a phone); others are left out, not failed. */
  default boolean reaches(Contact contact) {
    return true;
  }

  /** Delivers once; no retries here, the caller owns the retry policy so every attempt is recorded. */
  void deliver(Message message, Recipient recipient) throws DeliveryException;
}
