package io.drautopilot.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A breach incident's subjects reach only the channels configured as confidential. */
class ConfidentialChannelsTest {

  static final String ARN = "arn:aws:iam::123456789012:user/mallory";
  static final Set<String> SUBJECTS = Set.of("mallory", ARN, "AKIAEXAMPLEKEY123456", "203.0.113.9");

  final List<Message> slack = new ArrayList<>();
  final List<Message> email = new ArrayList<>();

  NotificationService service(Set<String> confidential) {
    return new NotificationService(
        NotificationServiceTest.runbookPolicy(),
        Map.of(
            "breach",
            new MessageTemplate(
                "breach",
                "Breach by {{principal}}",
                "Principal {{principal}} ({{arn}}) used key {{key}} from {{ip}}.\n{{facts}}")),
        List.of(
            NotificationServiceTest.channel("slack", false, (m, r) -> slack.add(m)),
            NotificationServiceTest.channel("email", true, (m, r) -> email.add(m))),
        new RetryPolicy(1, Duration.ofMillis(1), 2, Duration.ofMillis(1)),
        d -> {},
        new Redactor(List.of()),
        Clock.fixed(Instant.parse("2024-01-15T10:00:00Z"), ZoneOffset.UTC),
        confidential);
  }

  NotificationRequest breach(Set<String> subjects) {
    return new NotificationRequest(
        "INC-9",
        "P1",
        "SECURITY_BREACH",
        "breach",
        1,
        Map.of(
            "principal", "mallory", "arn", ARN, "key", "AKIAEXAMPLEKEY123456", "ip", "203.0.113.9"),
        null,
        subjects);
  }

  @Test
  void shouldMaskTheSubjectsOnChannelsThatAreNotConfidential() throws Exception {
    // when email is the only confidential channel
    service(Set.of("email")).notify(breach(SUBJECTS), a -> {});

    // then Slack shows none of the subjects, anywhere
    assertThat(slack).isNotEmpty();
    for (Message m : slack) {
      for (String s : SUBJECTS) {
        assertThat(m.subject()).doesNotContain(s);
        assertThat(m.body()).doesNotContain(s);
        assertThat(m.facts().values()).noneMatch(v -> v.contains(s));
      }
      assertThat(m.body()).contains(Message.REDACTED);
    }
    // and the ARN is masked whole, not left as "arn:aws:iam::123456789012:user/[redacted...]"
    assertThat(slack.get(0).body()).doesNotContain("arn:aws");
    // and the security team's email has them
    assertThat(email)
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.body()).contains(ARN, "203.0.113.9"));
  }

  @Test
  void shouldMaskOnEveryChannelByDefault() throws Exception {
    // when no channel is configured as confidential
    service(Set.of()).notify(breach(SUBJECTS), a -> {});

    // then
    assertThat(email).isNotEmpty().allSatisfy(m -> assertThat(m.body()).doesNotContain("mallory"));
  }

  @Test
  void shouldLeaveMessagesWithoutSubjectsAsTheyAre() throws Exception {
    // when the incident names no subject
    service(Set.of()).notify(breach(Set.of()), a -> {});

    // then
    assertThat(slack.get(0).body()).contains("mallory").doesNotContain(Message.REDACTED);
  }
}
