package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.aws.ActionRefused;
import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.ContactsNotified;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.config.NotifierConfiguration;
import io.drautopilot.notifier.config.NotifierSettings;
import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.EscalationReason;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.NotificationService;
import io.drautopilot.notifier.domain.NotificationServiceTest;
import io.drautopilot.notifier.domain.Redactor;
import io.drautopilot.notifier.domain.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;

class NotifyContactsHandlerTest {

  final List<IndexedRecord> published = new ArrayList<>();
  final EventPublisher publisher =
      new EventPublisher(null, 0) {
        @Override
        public void publish(String topic, IndexedRecord event) {
          published.add(event);
        }
      };
  final Clock clock = Clock.fixed(Instant.parse("2024-01-15T10:00:00Z"), ZoneOffset.UTC);
  final EventMetadataFactory metadata = new EventMetadataFactory("notifier-service@test", clock);

  @Test
  void shouldFailRetryablyWhenNoDeliveryGetsThrough() throws Exception {
    // given every channel is down
    Channel down =
        NotificationServiceTest.channel(
            "slack",
            false,
            (m, r) -> {
              throw new DeliveryException("HTTP 503", true);
            });
    NotifyContactsHandler handler = handler(List.of(down));

    // when / then a typed, retryable failure, and the attempts were published
    assertThatThrownBy(() -> handler.handle(command(Severity.P3), null))
        .isInstanceOfSatisfying(
            ActionRefused.class,
            refused -> {
              assertThat(refused.code()).isEqualTo("NotificationNotDelivered");
              assertThat(refused.retryable()).isTrue();
            });
    assertThat(published).hasSize(2).allMatch(e -> e instanceof NotificationAttempted);
    assertThat(published)
        .extracting(e -> ((NotificationAttempted) e).getOutcome())
        .containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.FAILED);
  }

  @Test
  void shouldFailWithoutRetryWhenNoEnabledChannelIsRouted() throws Exception {
    // given only SNS is enabled but P3 routes email and Slack
    NotifyContactsHandler handler =
        handler(List.of(NotificationServiceTest.channel("sns", false, (m, r) -> {})));

    // when / then
    assertThatThrownBy(() -> handler.handle(command(Severity.P3), null))
        .isInstanceOfSatisfying(
            ActionRefused.class,
            refused -> {
              assertThat(refused.code()).isEqualTo("NoChannelRouted");
              assertThat(refused.retryable()).isFalse();
            });
  }

  @Test
  void shouldCountDeliveriesAndChannelsInTheResult() throws Exception {
    // given
    NotifyContactsHandler handler =
        handler(
            List.of(
                NotificationServiceTest.channel("slack", false, (m, r) -> {}),
                NotificationServiceTest.channel("email", true, (m, r) -> {})));

    // when
    ContactsNotified notified = handler.handle(command(Severity.P3), null);

    // then
    assertThat(notified.getDeliveries()).isEqualTo(2);
    assertThat(notified.getChannels()).containsExactly("email", "slack");
  }

  @Test
  void shouldEmailTheHoldersOfTheCommandsRecipientRole() throws Exception {
    // given email records who it was sent to
    List<String> mailedTo = new ArrayList<>();
    NotifyContactsHandler handler =
        handler(
            List.of(
                NotificationServiceTest.channel("email", true, (m, r) -> mailedTo.add(r.label()))));
    NotifyContactsCommand command =
        NotifyContactsCommand.newBuilder(command(Severity.P3))
            .setTemplateId("approval-requested")
            .setRecipientRole("security-officer")
            .build();

    // when
    handler.handle(command, null);

    // then the level's contact and the security officer
    assertThat(mailedTo).containsExactly("DevOps Lead (Alice Johnson)", "Security Officer");
  }

  @Test
  void shouldHoldABreachPageUntilItsSubjectsAreKnown() throws Exception {
    // given the incident log has not been read yet, so the subjects to mask are unknown
    List<String> sent = new ArrayList<>();
    NotificationService service =
        new NotificationService(
            NotificationServiceTest.runbookPolicy(),
            Map.of(),
            List.of(NotificationServiceTest.channel("slack", false, (m, r) -> sent.add(m.body()))),
            new RetryPolicy(1, Duration.ofMillis(1), 2, Duration.ofMillis(1)),
            d -> {},
            new Redactor(List.of()),
            clock);
    NotifyContactsHandler handler =
        new NotifyContactsHandler(
            service, publisher, metadata, (incident, command, await) -> Optional.empty());
    NotifyContactsCommand breach =
        NotifyContactsCommand.newBuilder(command(Severity.P1))
            .setScenario(Scenario.SECURITY_BREACH)
            .build();

    // when / then a retryable refusal, and nothing was sent
    assertThatThrownBy(() -> handler.handle(breach, null))
        .isInstanceOfSatisfying(
            ActionRefused.class,
            refused -> {
              assertThat(refused.code()).isEqualTo("IncidentLogNotCaughtUp");
              assertThat(refused.retryable()).isTrue();
            });
    assertThat(sent).isEmpty();
  }

  @Test
  void shouldMaskTheIncidentsSubjectsFoundInItsLog() throws Exception {
    // given the incident's evidence names a principal that a runbook author put in the facts
    List<String> sent = new ArrayList<>();
    NotificationService service =
        new NotificationService(
            NotificationServiceTest.runbookPolicy(),
            Map.of(),
            List.of(NotificationServiceTest.channel("slack", false, (m, r) -> sent.add(m.body()))),
            new RetryPolicy(1, Duration.ofMillis(1), 2, Duration.ofMillis(1)),
            d -> {},
            new Redactor(List.of()),
            clock,
            Set.of());
    NotifyContactsHandler handler =
        new NotifyContactsHandler(
            service,
            publisher,
            metadata,
            (incident, command, await) -> Optional.of(Set.of("mallory")));
    NotifyContactsCommand breach =
        NotifyContactsCommand.newBuilder(command(Severity.P1))
            .setScenario(Scenario.SECURITY_BREACH)
            .setFacts(Map.of("principal", "mallory"))
            .build();

    // when
    handler.handle(breach, null);

    // then
    assertThat(sent).isNotEmpty().noneMatch(b -> b.contains("mallory"));
  }

  @Test
  void shouldPageARecoveryFailureWithTheStepAndFailureTheCommandCarries() throws Exception {
    // given the shipped templates, and a page whose reason words it differently from the fields
    List<Message> sent = new ArrayList<>();
    NotifyContactsHandler handler =
        withTemplates(
            List.of(NotificationServiceTest.channel("email", true, (m, r) -> sent.add(m))));
    NotifyContactsCommand page =
        NotifyContactsCommand.newBuilder(command(Severity.P1))
            .setTemplateId("escalation")
            .setEscalationLevel(2)
            .setFacts(Map.of("reason", "recovery failed: see the timeline"))
            .setEscalationCause(EscalationCause.RECOVERY_FAILED)
            .setFailedStepId("restore-table")
            .setFailure("RestoreFailed: table in use")
            .build();

    // when
    handler.handle(page, null);

    // then the page names the step and the failure from the fields
    assertThat(sent).isNotEmpty();
    assertThat(sent.get(0).subject())
        .isEqualTo("[P1] RECOVERY FAILED: incident INC-1 at step restore-table");
    assertThat(sent.get(0).body())
        .contains("FAILED at step restore-table: RestoreFailed: table in use");
  }

  @Test
  void shouldPageAnOldEscalationWithoutACauseWithItsReasonAsWorded() throws Exception {
    // given a page from before the cause was carried: the fields are at their defaults
    List<Message> sent = new ArrayList<>();
    NotifyContactsHandler handler =
        withTemplates(
            List.of(NotificationServiceTest.channel("email", true, (m, r) -> sent.add(m))));
    NotifyContactsCommand old =
        NotifyContactsCommand.newBuilder(command(Severity.P1))
            .setTemplateId("escalation")
            .setEscalationLevel(2)
            .setFacts(Map.of("reason", "recovery failed: step restore-table failed: boom"))
            .build();
    assertThat(old.getEscalationCause()).isNull();

    // when
    handler.handle(old, null);

    // then the generic escalation, nothing read into the words
    assertThat(sent.get(0).subject()).contains("ESCALATION level 2").doesNotContain("FAILED");
    assertThat(sent.get(0).body())
        .contains("Reason: recovery failed: step restore-table failed: boom");
  }

  @Test
  void shouldKnowEveryEscalationCauseOfTheContractByItsName() {
    for (EscalationCause cause : EscalationCause.values()) {
      EscalationReason reason =
          NotifyContactsHandler.escalation(
              NotifyContactsCommand.newBuilder(command(Severity.P1))
                  .setEscalationCause(cause)
                  .build());

      assertThat(reason.kind().name())
          .as(cause.name())
          .isEqualTo(cause == EscalationCause.UNKNOWN ? "OTHER" : cause.name());
    }
    assertThat(NotifyContactsHandler.escalation(command(Severity.P1))).isNull();
  }

  NotifyContactsHandler withTemplates(List<Channel> channels) {
    NotificationService service =
        new NotificationService(
            NotificationServiceTest.runbookPolicy(),
            NotifierConfiguration.templatesOf(NotifierSettings.defaults()),
            channels,
            new RetryPolicy(1, Duration.ofMillis(1), 2, Duration.ofMillis(1)),
            d -> {},
            new Redactor(List.of()),
            clock);
    return new NotifyContactsHandler(
        service, publisher, metadata, (incident, command, await) -> Optional.of(Set.of()));
  }

  NotifyContactsHandler handler(List<Channel> channels) {
    NotificationService service =
        new NotificationService(
            NotificationServiceTest.runbookPolicy(),
            Map.of(),
            channels,
            new RetryPolicy(2, Duration.ofMillis(1), 2, Duration.ofMillis(5)),
            d -> {},
            new Redactor(List.of()),
            clock);
    return new NotifyContactsHandler(
        service, publisher, metadata, (incident, command, await) -> Optional.of(Set.of()));
  }

  NotifyContactsCommand command(Severity severity) {
    return NotifyContactsCommand.newBuilder()
        .setMetadata(
            io.drautopilot.contracts.common.EventMetadata.newBuilder(
                    metadata.newChain("INC-1", "INC-1"))
                .setIdempotencyKey("INC-1:notify:1")
                .build())
        .setSeverity(severity)
        .setScenario(Scenario.PERFORMANCE_DEGRADATION)
        .setTemplateId("default")
        .setEscalationLevel(1)
        .setFacts(Map.of())
        .build();
  }
}
