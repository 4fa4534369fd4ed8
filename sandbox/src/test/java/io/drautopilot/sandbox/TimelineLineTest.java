package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.NotificationAttempted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineLineTest {

  @Test
  void shouldSayWhyADeliveryFailedAndNotRepeatWhatADeliveredOneSaid() {
    String failed =
        TimelineLine.format(
            attempt(
                DeliveryOutcome.FAILED,
                "no email address for Security Vendor (CrowdStrike/incident response team)"));
    String delivered = TimelineLine.format(attempt(DeliveryOutcome.DELIVERED, "250 OK"));

    assertThat(failed)
        .contains("step=escalation-1")
        .contains("channel=email recipient=Security Vendor outcome=FAILED")
        .endsWith(
            " detail=no email address for Security Vendor (CrowdStrike/incident response team)");
    assertThat(delivered).endsWith("outcome=DELIVERED").doesNotContain("250 OK");
  }

  private static NotificationAttempted attempt(DeliveryOutcome outcome, String detail) {
    return NotificationAttempted.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("event-1")
                .setIncidentId("incident-1")
                .setCorrelationId("incident-1")
                .setOccurredAt(Instant.parse("2026-12-05T03:05:22.206Z"))
                .setProducer("notifier-service")
                .setStepId("escalation-1")
                .build())
        .setChannel("email")
        .setRecipient("Security Vendor")
        .setTemplateId("escalation")
        .setAttempt(1)
        .setOutcome(outcome)
        .setDetail(detail)
        .build();
  }
}
