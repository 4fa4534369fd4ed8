package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.aws.ActionRefused;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.notify.ContactsNotified;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.notifier.domain.DeliveryAttempt;
import io.drautopilot.notifier.domain.EscalationReason;
import io.drautopilot.notifier.domain.NotificationRequest;
import io.drautopilot.notifier.domain.NotificationService;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NotifyContactsCommand: route, render, deliver, and publish one NotificationAttempted per attempt
 * as it happens. Succeeds when at least one delivery got through; refuses (retryable) when none did,
 * and (not retryable) when no enabled channel is routed. The dispatcher builds the result.
 * A breach incident's subjects (from its evidence) are masked on channels not configured as
 * confidential ({@code dr.notifier.channels.confidential}).
 * A redelivered command is sent again: a duplicate page is better than a missed one, and PagerDuty
 * folds it into the same alert by its dedup key.
 */
public class NotifyContactsHandler implements CommandHandler<NotifyContactsCommand> {

  private static final Logger log = LoggerFactory.getLogger(NotifyContactsHandler.class);

  private final NotificationService notifications;
  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final IncidentSubjects subjects;

  public NotifyContactsHandler(
      NotificationService notifications,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      IncidentSubjects subjects) {
    this.notifications = notifications;
    this.publisher = publisher;
    this.metadata = metadata;
    this.subjects = subjects;
  }

  @Override
  public Class<NotifyContactsCommand> commandType() {
    return NotifyContactsCommand.class;
  }

  @Override
  public ContactsNotified handle(NotifyContactsCommand command, CommandContext context)
      throws InterruptedException {
    EventMetadata cmd = command.getMetadata();
    boolean breach = command.getScenario() == Scenario.SECURITY_BREACH;
    Optional<Set<String>> confidential = subjects.of(cmd.getIncidentId(), cmd.getEventId(), breach);
    if (confidential.isEmpty()) {
      // Paging a breach with its subjects in a chat channel is worse than paging a few seconds
      // later.
      throw new ActionRefused(
          "IncidentLogNotCaughtUp",
          "the breach incident's subjects are not known yet (its log "
              + "has not been read), so they cannot be masked on channels that are not confidential",
          true);
    }
    NotificationRequest request =
        new NotificationRequest(
            cmd.getIncidentId(),
            command.getSeverity().name(),
            command.getScenario().name(),
            command.getTemplateId(),
            command.getEscalationLevel(),
            Map.copyOf(command.getFacts()),
            command.getRecipientRole(),
            confidential.orElse(Set.of()),
            escalation(command));
    NotificationService.Summary summary =
        notifications.notify(request, attempt -> publish(cmd, attempt));
    log.info(
        "incident {} level {} ({}): {} delivered, {} failed on {}",
        cmd.getIncidentId(),
        command.getEscalationLevel(),
        summary.routing().level().target(),
        summary.delivered(),
        summary.failed(),
        summary.channels());
    if (summary.delivered() == 0) {
      String why =
          summary.channels().isEmpty()
              ? "no enabled channel is routed for " + request.severity() + "/" + request.scenario()
              : "every delivery failed on " + summary.channels();
      throw new ActionRefused(
          summary.channels().isEmpty() ? "NoChannelRouted" : "NotificationNotDelivered",
          why,
          !summary.channels().isEmpty());
    }
    return ContactsNotified.newBuilder()
        .setDeliveries(summary.delivered())
        .setFailedDeliveries(summary.failed())
        .setChannels(summary.channels())
        .build();
  }

  /** Why an escalation page is sent; null for other notices and for pages sent before it was carried. */
  static EscalationReason escalation(NotifyContactsCommand command) {
    return EscalationReason.of(
        command.getEscalationCause(), command.getFailedStepId(), command.getFailure());
  }

  private void publish(EventMetadata cmd, DeliveryAttempt attempt) {
    NotificationAttempted event =
        NotificationAttempted.newBuilder()
            .setMetadata(
                EventMetadata.newBuilder(metadata.causedBy(cmd))
                    .setOccurredAt(attempt.at())
                    .build())
            .setChannel(attempt.channel())
            .setRecipient(attempt.recipient())
            .setTemplateId(attempt.templateId())
            .setAttempt(attempt.attempt())
            .setOutcome(DeliveryOutcome.valueOf(attempt.outcome().name()))
            .setDetail(attempt.detail())
            .build();
    publisher.publish(Topics.NOTIFICATION_DELIVERIES, event);
  }
}
