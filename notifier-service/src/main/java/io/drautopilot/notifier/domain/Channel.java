package io.drautopilot.notifier.domain;

/** A way to reach people (SMTP, SNS, Slack, PagerDuty, a generic webhook). */
public interface Channel {

  /** The name routes refer to and the log records, e.g. {@code email}. */
  String name();

  /** True when every contact gets their own delivery (email); false for one delivery per level (a Slack channel). */
  boolean perContact();

  /** Delivers once; no retries here, the caller owns the retry policy so every attempt is recorded. */
  void deliver(Message message, Recipient recipient) throws DeliveryException;
}
