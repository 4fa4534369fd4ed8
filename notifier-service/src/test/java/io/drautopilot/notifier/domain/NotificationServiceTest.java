package io.drautopilot.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.notifier.config.NotifierConfiguration;
import io.drautopilot.notifier.config.NotifierSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class NotificationServiceTest {

  /** A channel whose deliveries are given by a lambda. */
  public interface Delivery {
    void deliver(Message message, Recipient recipient) throws DeliveryException;
  }

  public static Channel channel(String name, boolean perContact, Delivery delivery) {
    return new Channel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean perContact() {
        return perContact;
      }

      @Override
      public void deliver(Message m, Recipient r) throws DeliveryException {
        delivery.deliver(m, r);
      }
    };
  }

  public static NotificationPolicy runbookPolicy() {
    return NotifierConfiguration.policyOf(NotifierSettings.defaults());
  }

  final Clock clock = Clock.fixed(Instant.parse("2024-01-15T10:00:00Z"), ZoneOffset.UTC);
  final List<Duration> slept = new ArrayList<>();
  final List<DeliveryAttempt> recorded = new ArrayList<>();

  NotificationService service(List<Channel> channels, int maxAttempts, String... secrets) {
    return new NotificationService(
        runbookPolicy(),
        NotifierConfiguration.templatesOf(NotifierSettings.defaults()),
        channels,
        new RetryPolicy(maxAttempts, Duration.ofMillis(100), 2.0, Duration.ofMillis(250)),
        slept::add,
        new Redactor(List.of(secrets)),
        clock);
  }

  static NotificationRequest request(
      String severity, String scenario, String template, int level, Map<String, String> facts) {
    return new NotificationRequest("INC-7", severity, scenario, template, level, facts);
  }

  @Test
  void shouldRetryWithExponentialBackoffAndRecordEveryAttempt() throws Exception {
    // given Slack fails twice, then works
    int[] calls = {0};
    Channel slack =
        channel(
            "slack",
            false,
            (m, r) -> {
              if (++calls[0] < 3) {
                throw new DeliveryException("HTTP 502", true);
              }
            });

    // when
    NotificationService.Summary summary =
        service(List.of(slack), 4)
            .notify(
                request("P3", "PERFORMANCE_DEGRADATION", "default", 1, Map.of()), recorded::add);

    // then
    assertThat(summary.delivered()).isEqualTo(1);
    assertThat(recorded)
        .extracting(DeliveryAttempt::outcome)
        .containsExactly(
            DeliveryAttempt.Outcome.RETRYING,
            DeliveryAttempt.Outcome.RETRYING,
            DeliveryAttempt.Outcome.DELIVERED);
    assertThat(recorded).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void shouldNotRetryAPermanentFailure() throws Exception {
    // given the webhook answers 404
    Channel webhook =
        channel(
            "slack",
            false,
            (m, r) -> {
              throw new DeliveryException("HTTP 404", false);
            });

    // when
    NotificationService.Summary summary =
        service(List.of(webhook), 5)
            .notify(
                request("P3", "PERFORMANCE_DEGRADATION", "default", 1, Map.of()), recorded::add);

    // then
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(recorded)
        .extracting(DeliveryAttempt::outcome)
        .containsExactly(DeliveryAttempt.Outcome.FAILED);
    assertThat(slept).isEmpty();
  }

  @Test
  void shouldKeepDeliveringOnOtherChannelsWhenOneThrowsUnexpectedly() throws Exception {
    // given email throws a runtime exception
    List<String> sent = new ArrayList<>();
    Channel email =
        channel(
            "email",
            true,
            (m, r) -> {
              throw new IllegalStateException("boom");
            });
    Channel slack = channel("slack", false, (m, r) -> sent.add("slack"));

    // when
    NotificationService.Summary summary =
        service(List.of(email, slack), 2)
            .notify(request("P3", "TABLE_CORRUPTION", "default", 1, Map.of()), recorded::add);

    // then
    assertThat(sent).containsExactly("slack");
    assertThat(summary.delivered()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
  }

  @Test
  void shouldRedactConfiguredSecretsFromAttemptDetails() throws Exception {
    // given a failure message that quotes the webhook URL
    String url = "https://hooks.example.test/services/T000/B000/abcdefSECRET";
    Channel slack =
        channel(
            "slack",
            false,
            (m, r) -> {
              throw new DeliveryException("ConnectException: cannot reach " + url, false);
            });

    // when
    service(List.of(slack), 1, url)
        .notify(request("P3", "TABLE_CORRUPTION", "default", 1, Map.of()), recorded::add);

    // then
    assertThat(recorded.get(0).detail())
        .isEqualTo("ConnectException: cannot reach ***")
        .doesNotContain("SECRET");
  }

  @Test
  void shouldSendOneEmailPerContactAndOneBroadcastPerLevel() throws Exception {
    // given a P1: the on-call engineer (DevOps Lead) plus the Database Admin
    List<String> emailed = new ArrayList<>();
    List<String> broadcast = new ArrayList<>();
    Channel email = channel("email", true, (m, r) -> emailed.add(r.contacts().get(0).email()));
    Channel sns = channel("sns", false, (m, r) -> broadcast.add(r.label()));

    // when
    NotificationService.Summary summary =
        service(List.of(email, sns), 1)
            .notify(
                request("P1", "REGIONAL_FAILURE", "incident-opened", 1, Map.of()), recorded::add);

    // then
    assertThat(emailed).containsExactly("devops@candlefish.ai", "dba@candlefish.ai");
    assertThat(broadcast).containsExactly("On-call Engineer");
    assertThat(summary.channels()).containsExactly("sns", "email");
    assertThat(recorded)
        .extracting(DeliveryAttempt::recipient)
        .containsExactly(
            "On-call Engineer", "DevOps Lead (Alice Johnson)", "Database Admin (John Doe)");
  }

  @Test
  void shouldRenderTheTemplateWithFactsAndBuiltIns() {
    // given
    NotificationService service = service(List.of(), 1);

    // when
    Message m =
        service.render(
            request(
                "P2", "TABLE_CORRUPTION", "escalation", 3, Map.of("reason", "no ack in 30 min")),
            runbookPolicy().level(3).orElseThrow());

    // then
    assertThat(m.subject())
        .isEqualTo("[P2] ESCALATION level 3 - Engineering Manager: incident INC-7");
    assertThat(m.body())
        .contains("Reason: no ack in 30 min")
        .contains("(30–60 min after detection)")
        .contains("P2 - High")
        .contains("- reason: no ack in 30 min");
  }

  @Test
  void shouldRenderTheOrchestratorsScenarioTemplatesLikeTheRunbooksAlert() {
    Message m =
        service(List.of(), 1)
            .render(
                request(
                    "P1", "REGIONAL_FAILURE", "regional-failure", 1, Map.of("region", "us-east-1")),
                runbookPolicy().level(1).orElseThrow());

    assertThat(m.subject()).isEqualTo("[P1] Database Regional Failure: incident INC-7");
    assertThat(m.body())
        .startsWith("P1 INCIDENT: Regional database failure detected in us-east-1.");
  }

  @Test
  void shouldRenderReadinessServicesDropNoticeWithItsScoreAndFindingsNotAsAnIncident() {
    // the facts readiness-service's ReadinessDropNotifier sends with template readiness-dropped
    Message m =
        service(List.of(), 1)
            .render(
                request(
                    "P3",
                    "BACKUP_VERIFICATION",
                    "readiness-dropped",
                    1,
                    Map.of(
                        "score",
                        "55",
                        "threshold",
                        "70",
                        "findings",
                        "entities: no DR drill in the last 90 days")),
                runbookPolicy().level(1).orElseThrow());

    assertThat(m.subject()).isEqualTo("[P3] DR READINESS DROPPED: score 55 below 70");
    assertThat(m.body())
        .startsWith("Recovery readiness fell to 55 (threshold 70)")
        .contains("Findings: entities: no DR drill in the last 90 days")
        .doesNotContain("(not given)")
        .doesNotContain("BACKUP_VERIFICATION incident");
  }

  @Test
  void shouldFallBackToTheDefaultTemplateAndMarkMissingFacts() {
    // when
    Message m =
        service(List.of(), 1)
            .render(
                request("P4", "DR_DRILL", "no-such-template", 1, Map.of()),
                runbookPolicy().level(1).orElseThrow());

    // then
    assertThat(m.subject()).isEqualTo("[P4] DR Autopilot: DR_DRILL incident INC-7");
    assertThat(MessageTemplate.fill("{{ reason }}", Map.of())).isEqualTo("(not given)");
  }

  @Test
  void shouldShowTheGateWhoStillHasToApproveAndTheLinksWhenApprovalIsRequested() {
    // given the orchestrator's approval notice with links
    NotificationRequest approval =
        new NotificationRequest(
            "INC-7",
            "P1",
            "SECURITY_BREACH",
            "approval-requested",
            1,
            Map.of(
                "stepId",
                "revoke-keys",
                "action",
                "containment.deactivateAccessKeys",
                "requiredRole",
                "security-officer",
                "requiredApprovers",
                "2",
                "deadline",
                "2024-01-15T10:15:00Z",
                "link",
                "https://dr.example/api/incidents/INC-7",
                "approveLink",
                "https://dr.example/api/incidents/INC-7/steps/revoke-keys/approve"),
            "security-officer");
    NotificationService service = service(List.of(), 1);

    // when
    Message m = service.render(approval, runbookPolicy().route(approval));

    // then
    assertThat(m.subject())
        .isEqualTo("[P1] APPROVAL NEEDED: containment.deactivateAccessKeys for incident INC-7");
    assertThat(m.body())
        .contains("approval gate of step revoke-keys (containment.deactivateAccessKeys)")
        .contains(
            "Still to approve: 2 approver(s) holding security-officer (Security Officer), before 2024-01-15T10:15:00Z")
        .contains("Approve: https://dr.example/api/incidents/INC-7/steps/revoke-keys/approve")
        .contains("Incident: https://dr.example/api/incidents/INC-7");
  }

  @Test
  void shouldSayHowToApproveWhenNoLinkIsGiven() {
    NotificationRequest approval =
        new NotificationRequest(
            "INC-7",
            "P1",
            "SECURITY_BREACH",
            "approval-requested",
            1,
            Map.of("action", "containment.deactivateAccessKeys"),
            "security-officer");

    Message m = service(List.of(), 1).render(approval, runbookPolicy().route(approval));

    assertThat(m.body())
        .contains("Approve with ./drctl or the orchestrator's API")
        .doesNotContain("Approve: ");
  }

  @Test
  void shouldStateTheIncidentsOwnRtoTargetWhenResolved() {
    // given a P2 resolved in 40 minutes against its one-hour target
    Message m =
        service(List.of(), 1)
            .render(
                request(
                    "P2",
                    "TABLE_CORRUPTION",
                    "incident-resolved",
                    1,
                    Map.of(
                        "outcome",
                        "RECOVERED",
                        "measuredRtoSeconds",
                        "2400",
                        "measuredRpoSeconds",
                        "60",
                        "rtoTargetSeconds",
                        "3600",
                        "rtoTargetMet",
                        "true")),
                runbookPolicy().level(1).orElseThrow());

    // then
    assertThat(m.body())
        .contains("Measured RTO: 2400 s (target 3600 s, met)")
        .doesNotContain("900");
  }

  @Test
  void shouldFallBackToTheSeveritysRtoTargetWhenTheNoticeGivesNone() {
    Message m =
        service(List.of(), 1)
            .render(
                request(
                    "P3",
                    "PERFORMANCE_DEGRADATION",
                    "incident-resolved",
                    1,
                    Map.of("outcome", "RECOVERED", "measuredRtoSeconds", "20000")),
                runbookPolicy().level(1).orElseThrow());

    assertThat(m.body()).contains("Measured RTO: 20000 s (target 14400 s, MISSED)");
  }

  @Test
  void shouldWordTheEscalationForTheCauseTheOrchestratorRecorded() {
    NotificationService service = service(List.of(), 1);
    EscalationLevel two = runbookPolicy().level(2).orElseThrow();

    Message unacknowledged =
        service.render(
            request(
                    "P1",
                    "TABLE_CORRUPTION",
                    "escalation",
                    2,
                    Map.of("reason", "not acknowledged 15 min after opening (P1)"))
                .withEscalation(
                    new EscalationReason(EscalationReason.Kind.NOT_ACKNOWLEDGED, null, null)),
            two);
    // the step and failure come from the fields, whatever the reason's words
    Message failed =
        service.render(
            request("P1", "TABLE_CORRUPTION", "escalation", 2, Map.of("reason", "worded freely"))
                .withEscalation(
                    new EscalationReason(
                        EscalationReason.Kind.RECOVERY_FAILED,
                        "restore-table",
                        "RestoreFailed: table in use")),
            two);
    Message stepFailed =
        service.render(
            request("P1", "REGIONAL_FAILURE", "escalation", 2, Map.of("reason", "worded freely"))
                .withEscalation(
                    new EscalationReason(
                        EscalationReason.Kind.STEP_FAILED,
                        "fail-over-dns",
                        "timed out after 4 attempt(s)")),
            two);
    Message atRisk =
        service.render(
            request(
                    "P2",
                    "TABLE_CORRUPTION",
                    "escalation",
                    2,
                    Map.of(
                        "reason",
                        "RTO at risk: 50 min since impact + about 20 min of remaining steps passes the P2 target of 60 min"))
                .withEscalation(
                    new EscalationReason(EscalationReason.Kind.RTO_AT_RISK, null, null)),
            two);

    assertThat(unacknowledged.body()).contains("is not acknowledged and was escalated to level 2");
    assertThat(failed.subject())
        .isEqualTo("[P1] RECOVERY FAILED: incident INC-7 at step restore-table");
    assertThat(failed.body())
        .contains("FAILED at step restore-table: RestoreFailed: table in use")
        .contains("Reason: worded freely")
        .doesNotContain("not acknowledged");
    assertThat(stepFailed.subject())
        .isEqualTo("[P1] STEP FAILED, ESCALATED: incident INC-7 at step fail-over-dns");
    assertThat(stepFailed.body())
        .contains("step fail-over-dns failed: timed out after 4 attempt(s).");
    assertThat(atRisk.subject()).contains("RTO AT RISK").contains("target 3600 s");
    assertThat(atRisk.body())
        .contains("expected to miss its RTO target of 3600 s")
        .doesNotContain("not acknowledged");
  }

  @Test
  void shouldPageWithTheGenericWordingAndTheReasonAsWordedWhenNoCauseWasCarried() {
    // given a page sent before the cause was carried: only the reason in words
    NotificationService service = service(List.of(), 1);

    Message old =
        service.render(
            request(
                "P1",
                "TABLE_CORRUPTION",
                "escalation",
                2,
                Map.of(
                    "reason",
                    "recovery failed: step restore-table failed: RestoreFailed: table in use")),
            runbookPolicy().level(2).orElseThrow());

    // then nothing is read into the words: the generic escalation, with the reason as it is
    assertThat(old.subject()).doesNotContain("RECOVERY FAILED").contains("ESCALATION level 2");
    assertThat(old.body())
        .contains("Reason: recovery failed: step restore-table failed: RestoreFailed: table in use")
        .doesNotContain("{{failedStep}}");
  }

  @Test
  void shouldKeepTheGenericWordingForACauseWithoutATemplateOfItsOwn() {
    NotificationService service = service(List.of(), 1);

    Message overdue =
        service.render(
            request(
                    "P1",
                    "SECURITY_BREACH",
                    "escalation",
                    2,
                    Map.of("reason", "step contain-principal: approval timed out"))
                .withEscalation(
                    new EscalationReason(EscalationReason.Kind.APPROVAL_OVERDUE, null, null)),
            runbookPolicy().level(2).orElseThrow());

    assertThat(overdue.subject()).contains("ESCALATION level 2");
    assertThat(overdue.body()).contains("Reason: step contain-principal: approval timed out");
  }

  @Test
  void shouldPageTheSecondaryWhenTheSameLevelIsEscalatedAgainUnacknowledged() throws Exception {
    // given email records who it reached
    List<String> mailed = new ArrayList<>();
    NotificationService service =
        service(List.of(channel("email", true, (m, r) -> mailed.add(r.label()))), 1);
    NotificationRequest page =
        request(
            "P3",
            "TABLE_CORRUPTION",
            "escalation",
            1,
            Map.of("reason", "recovery failed and not acknowledged: step restore failed: boom"));

    // when the same level is paged twice for the incident, and another incident once
    service.notify(page, recorded::add);
    NotificationService.Summary second = service.notify(page, recorded::add);
    service.notify(
        new NotificationRequest("INC-8", "P3", "TABLE_CORRUPTION", "escalation", 1, page.facts()),
        recorded::add);

    // then the primary first, the secondary next, and another incident starts with its primary
    assertThat(mailed)
        .containsExactly(
            "DevOps Lead (Alice Johnson)",
            "DevOps Lead (Bob Wilson)",
            "DevOps Lead (Alice Johnson)");
    assertThat(service.render(page, second.routing()).body())
        .contains("Paged: DevOps Lead (Bob Wilson)");
  }

  @Test
  void shouldTextOnlyTheP1ContactsThatHaveAPhone() throws Exception {
    // given an SMS channel, and a P1 security breach whose Security Vendor has no phone in the seed
    List<String> texted = new ArrayList<>();
    Channel sms =
        new Channel() {
          @Override
          public String name() {
            return "sms";
          }

          @Override
          public boolean perContact() {
            return true;
          }

          @Override
          public boolean reaches(Contact c) {
            return c.phone() != null;
          }

          @Override
          public void deliver(Message m, Recipient r) {
            texted.add(r.contacts().get(0).phone());
          }
        };

    // when
    NotificationService.Summary p1 =
        service(List.of(sms), 1)
            .notify(
                request("P1", "SECURITY_BREACH", "security-breach", 1, Map.of()), recorded::add);
    NotificationService.Summary p3 =
        service(List.of(sms), 1)
            .notify(
                request("P3", "SECURITY_BREACH", "security-breach", 1, Map.of()), recorded::add);

    // then only P1 routes SMS, and only to rows with a phone
    assertThat(texted).containsExactly("+1-555-0200", "+1-555-0100", "+1-555-0300", "+1-555-0400");
    assertThat(p1.failed()).isZero();
    assertThat(p3.channels()).doesNotContain("sms");
  }
}
