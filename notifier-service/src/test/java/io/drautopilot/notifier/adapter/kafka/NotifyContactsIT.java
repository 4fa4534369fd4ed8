package io.drautopilot.notifier.adapter.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.ContactsNotified;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.notify.NotifyContactsResult;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.KafkaLog;
import io.drautopilot.notifier.NotifierIntegrationTest;
import io.drautopilot.notifier.NotifierTestStack;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NotifyContactsIT extends NotifierIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired EventPublisher publisher;
  WireMockServer http = NotifierTestStack.http();

  @BeforeEach
  void resetOutsideWorld() {
    NotifierTestStack.resetHttp();
  }

  @Test
  void shouldDeliverOnEveryRoutedChannelAndRecordEachAttemptWhenAP1IncidentOpens()
      throws Exception {
    // given a P1 regional failure at escalation level 1
    String incident = "INC-" + UUID.randomUUID();

    // when the orchestrator asks for the contacts to be notified
    NotifyContactsResult result =
        send(
            command(
                incident,
                Severity.P1,
                Scenario.REGIONAL_FAILURE,
                "incident-opened",
                1,
                Map.of(
                    "region",
                    "us-east-1",
                    "table",
                    "candlefish-employee-setup-lean-prod-entities")));

    // then every routed channel delivered once and the result says so
    ContactsNotified notified = (ContactsNotified) result.getOutcome();
    assertThat(notified.getChannels())
        .containsExactly("pagerduty", "sns", "email", "slack", "webhook");
    assertThat(notified.getDeliveries()).isEqualTo(6);
    assertThat(notified.getFailedDeliveries()).isZero();

    // and the on-call engineer (DevOps Lead) and, for a P1, the Database Admin got an email over
    // SMTP
    List<MimeMessage> mails = mailsAbout(incident, 2);
    assertThat(mails)
        .extracting(m -> m.getRecipients(RecipientType.TO)[0].toString())
        .containsExactlyInAnyOrder("devops@candlefish.ai", "dba@candlefish.ai");
    assertThat(mails.get(0).getSubject())
        .isEqualTo("[P1] INCIDENT: REGIONAL_FAILURE detected (" + incident + ")");
    assertThat((String) mails.get(0).getContent())
        .contains("- region: us-east-1")
        .contains("On-call Engineer");

    // and SNS, Slack, PagerDuty and the webhook were called with their own payload shapes
    http.verify(
        1,
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=Publish"))
            .withRequestBody(containing("tyler-setup-emergency-alerts"))
            .withRequestBody(containing(incident)));
    http.verify(
        1,
        postRequestedFor(urlPathEqualTo(NotifierTestStack.SLACK_PATH))
            .withRequestBody(matchingJsonPath("$.text", containing(incident))));
    http.verify(
        1,
        postRequestedFor(urlPathEqualTo("/v2/enqueue"))
            .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(incident)))
            .withRequestBody(matchingJsonPath("$.payload.severity", equalTo("critical")))
            .withRequestBody(
                matchingJsonPath(
                    "$.routing_key", equalTo(NotifierTestStack.PAGERDUTY_ROUTING_KEY))));
    http.verify(
        1,
        postRequestedFor(urlPathEqualTo(NotifierTestStack.WEBHOOK_PATH))
            .withHeader("Authorization", equalTo("Bearer webhook-bearer-secret"))
            .withRequestBody(matchingJsonPath("$.incidentId", equalTo(incident))));

    // and every attempt is on the deliveries topic, with a role as recipient
    List<NotificationAttempted> attempts = attempts(incident, 6);
    assertThat(attempts)
        .hasSize(6)
        .allMatch(a -> a.getOutcome() == DeliveryOutcome.DELIVERED && a.getAttempt() == 1);
    assertThat(attempts)
        .extracting(NotificationAttempted::getRecipient)
        .contains("DevOps Lead (Alice Johnson)", "Database Admin (John Doe)", "On-call Engineer");
  }

  @Test
  void shouldKeepDeliveringOnOtherChannelsWhenSlackFails() throws Exception {
    // given Slack answers 500 for this incident
    String incident = "INC-" + UUID.randomUUID();
    http.stubFor(
        post(urlPathEqualTo(NotifierTestStack.SLACK_PATH))
            .atPriority(1)
            .withRequestBody(containing(incident))
            .willReturn(aResponse().withStatus(500).withBody("internal_error")));

    // when contacts are notified
    NotifyContactsResult result =
        send(
            command(
                incident, Severity.P1, Scenario.TABLE_CORRUPTION, "incident-opened", 1, Map.of()));

    // then Slack was tried three times with backoff, recorded RETRYING, RETRYING, FAILED ...
    List<NotificationAttempted> attempts = attempts(incident, 8);
    List<NotificationAttempted> slack =
        attempts.stream().filter(a -> a.getChannel().equals("slack")).toList();
    assertThat(slack)
        .extracting(NotificationAttempted::getOutcome)
        .containsExactly(
            DeliveryOutcome.RETRYING, DeliveryOutcome.RETRYING, DeliveryOutcome.FAILED);
    assertThat(slack).extracting(NotificationAttempted::getAttempt).containsExactly(1, 2, 3);
    assertThat(slack.get(2).getDetail())
        .contains("HTTP 500")
        .doesNotContain("SECRET")
        .doesNotContain("hooks");
    http.verify(3, postRequestedFor(urlPathEqualTo(NotifierTestStack.SLACK_PATH)));

    // ... and every other channel still delivered
    assertThat(attempts)
        .filteredOn(a -> !a.getChannel().equals("slack"))
        .hasSize(5)
        .allMatch(a -> a.getOutcome() == DeliveryOutcome.DELIVERED);
    assertThat(mailsAbout(incident, 2)).hasSize(2);
    ContactsNotified notified = (ContactsNotified) result.getOutcome();
    assertThat(notified.getDeliveries()).isEqualTo(5);
    assertThat(notified.getFailedDeliveries()).isEqualTo(1);
  }

  @Test
  void shouldNotifyTheContactsOfTheEscalationLevelGivenInEachCommand() throws Exception {
    // given an unacknowledged P2 incident that the orchestrator escalates level by level
    String incident = "INC-" + UUID.randomUUID();
    Map<Integer, String> expected =
        Map.of(
            1,
            "devops@candlefish.ai",
            2,
            "dba@candlefish.ai",
            3,
            "engineering@candlefish.ai",
            4,
            "ops@candlefish.ai");

    for (int level = 1; level <= 4; level++) {
      // when it asks for level N
      send(
          NotifyContactsCommand.newBuilder(
                  command(
                      incident,
                      Severity.P2,
                      Scenario.TABLE_CORRUPTION,
                      "escalation",
                      level,
                      Map.of("reason", "not acknowledged within the level's window")))
              .setEscalationCause(EscalationCause.NOT_ACKNOWLEDGED)
              .build());

      // then exactly that level's contact is emailed, with the EscalationRaised facts rendered
      int n = level;
      MimeMessage mail =
          mailsAbout(incident, level).stream()
              .filter(m -> subject(m).contains("level " + n + " "))
              .findFirst()
              .orElseThrow();
      assertThat(mail.getRecipients(RecipientType.TO)[0].toString()).isEqualTo(expected.get(level));
      assertThat((String) mail.getContent())
          .contains("Reason: not acknowledged within the level's window");
    }
    assertThat(mailsAbout(incident, 4))
        .extracting(NotifyContactsIT::subject)
        .containsExactlyInAnyOrder(
            "[P2] ESCALATION level 1 - On-call Engineer: incident "
                + incident
                + " not acknowledged",
            "[P2] ESCALATION level 2 - Database Team Lead: incident "
                + incident
                + " not acknowledged",
            "[P2] ESCALATION level 3 - Engineering Manager: incident "
                + incident
                + " not acknowledged",
            "[P2] ESCALATION level 4 - CTO/Business Continuity: incident "
                + incident
                + " not acknowledged");
    assertThat(attempts(incident, 16))
        .filteredOn(a -> a.getChannel().equals("slack"))
        .extracting(NotificationAttempted::getRecipient)
        .containsExactly(
            "On-call Engineer",
            "Database Team Lead",
            "Engineering Manager",
            "CTO/Business Continuity");
  }

  static NotifyContactsCommand command(
      String incident,
      Severity severity,
      Scenario scenario,
      String template,
      int level,
      Map<String, String> facts) {
    return NotifyContactsCommand.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(incident)
                .setCorrelationId(incident)
                .setOccurredAt(Instant.now())
                .setProducer("orchestrator-service@test")
                .setStepId("notify-" + level)
                .setIdempotencyKey(incident + ":notify:" + level + ":" + UUID.randomUUID())
                .build())
        .setSeverity(severity)
        .setScenario(scenario)
        .setTemplateId(template)
        .setEscalationLevel(level)
        .setFacts(facts)
        .build();
  }

  NotifyContactsResult send(NotifyContactsCommand command) {
    publisher.publish(Topics.NOTIFIER_COMMANDS, command);
    String key = command.getMetadata().getIdempotencyKey();
    List<NotifyContactsResult> results =
        KafkaLog.await(
            Topics.COMMAND_RESULTS,
            NotifyContactsResult.class,
            r -> key.equals(r.getMetadata().getIdempotencyKey()),
            l -> !l.isEmpty(),
            WAIT);
    assertThat(results).as("result of " + key).hasSize(1);
    return results.get(0);
  }

  static List<NotificationAttempted> attempts(String incident, int atLeast) {
    return KafkaLog.await(
        Topics.NOTIFICATION_DELIVERIES,
        NotificationAttempted.class,
        a -> a.getMetadata().getIncidentId().equals(incident),
        l -> l.size() >= atLeast,
        WAIT);
  }

  static List<MimeMessage> mailsAbout(String incident, int atLeast) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    List<MimeMessage> found = List.of();
    while (Instant.now().isBefore(deadline)) {
      found =
          Arrays.stream(NotifierTestStack.smtp().getReceivedMessages())
              .filter(m -> subject(m).contains(incident))
              .toList();
      if (found.size() >= atLeast) {
        break;
      }
      Thread.sleep(100);
    }
    return found;
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
