package io.drautopilot.readiness.service.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.readiness.Finding;
import io.drautopilot.readiness.ReadinessAssessor.Assessment;
import io.drautopilot.readiness.service.domain.AssessmentSink;
import io.drautopilot.readiness.service.domain.Settings;
import io.drautopilot.readiness.service.domain.Trigger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * When the overall score drops below the threshold (it was at or above it, or this is the first
 * assessment), asks notifier-service to tell the contacts: a {@code NotifyContactsCommand} on
 * {@value Topics#NOTIFIER_COMMANDS} with the score and the failed findings as facts. Once per drop:
 * staying below does not notify again until readiness has recovered. On only when configured
 * ({@code dr.readiness.notification.enabled}).
 */
public class ReadinessDropNotifier implements AssessmentSink {

  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final String templateId;
  private final Severity severity;
  private final String recipientRole;
  private Boolean wasBelow;

  public ReadinessDropNotifier(
      EventPublisher publisher,
      EventMetadataFactory metadata,
      String templateId,
      Severity severity,
      String recipientRole) {
    this.publisher = publisher;
    this.metadata = metadata;
    this.templateId = templateId;
    this.severity = severity;
    this.recipientRole = recipientRole;
  }

  @Override
  public synchronized void accept(Assessment assessment, Trigger trigger, Settings settings) {
    boolean below = assessment.score() < settings.scoreThreshold();
    boolean dropped = below && !Boolean.TRUE.equals(wasBelow);
    wasBelow = below;
    if (!dropped) {
      return;
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("score", Integer.toString(assessment.score()));
    facts.put("threshold", Integer.toString(settings.scoreThreshold()));
    facts.put(
        "findings",
        assessment.tables().stream()
            .flatMap(t -> t.score().findings().stream())
            .filter(f -> f.status() != Finding.Status.PASSED)
            .map(f -> (f.table() == null ? "" : f.table() + ": ") + f.detail())
            .distinct()
            .collect(Collectors.joining("; ")));
    String id = "readiness-" + assessment.assessedAt().toEpochMilli();
    var m = metadata.newChain(id, UUID.randomUUID().toString());
    m.setCausationId(trigger.eventId());
    m.setIdempotencyKey(id + ":notify");
    publisher.publish(
        Topics.NOTIFIER_COMMANDS,
        NotifyContactsCommand.newBuilder()
            .setMetadata(m)
            .setSeverity(severity)
            .setScenario(Scenario.BACKUP_VERIFICATION)
            .setTemplateId(templateId)
            .setFacts(facts)
            .setRecipientRole(recipientRole)
            .build());
  }
}
