package io.drautopilot.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

  final NotificationPolicy policy = NotificationServiceTest.runbookPolicy();

  static NotificationRequest request(String severity, String scenario, int level) {
    return new NotificationRequest("INC-1", severity, scenario, "default", level, Map.of());
  }

  @Test
  void shouldPageTheRunbookEscalationMatrixLevelByLevel() {
    assertThat(policy.route(request("P2", "TABLE_CORRUPTION", 1)).contacts())
        .extracting(Contact::role)
        .containsExactly("DevOps Lead");
    assertThat(policy.route(request("P2", "TABLE_CORRUPTION", 2)).level().target())
        .isEqualTo("Database Team Lead");
    assertThat(policy.route(request("P2", "TABLE_CORRUPTION", 2)).contacts())
        .extracting(Contact::role)
        .containsExactly("Database Admin");
    assertThat(policy.route(request("P2", "TABLE_CORRUPTION", 3)).contacts())
        .extracting(Contact::email)
        .containsExactly("engineering@candlefish.ai");
    NotificationPolicy.Routing four = policy.route(request("P2", "TABLE_CORRUPTION", 4));
    assertThat(four.level().window()).isEqualTo("60+ min");
    assertThat(four.contacts()).extracting(Contact::primary).containsExactly("Eve Taylor");
  }

  @Test
  void shouldRouteChannelsBySeverityAndAddRolesByScenario() {
    // P1: every channel, and the Database Admin at once
    NotificationPolicy.Routing p1 = policy.route(request("P1", "REGIONAL_FAILURE", 1));
    assertThat(p1.channels())
        .containsExactly("pagerduty", "sns", "sms", "email", "slack", "webhook");
    assertThat(p1.contacts())
        .extracting(Contact::role)
        .containsExactly("DevOps Lead", "Database Admin");

    // a security breach also pages the Engineering Manager and Business Continuity
    NotificationPolicy.Routing breach = policy.route(request("P2", "SECURITY_BREACH", 1));
    assertThat(breach.routes()).containsExactly("p2-high", "security-breach");
    assertThat(breach.channels()).containsExactly("sns", "email", "slack", "webhook", "pagerduty");
    assertThat(breach.contacts())
        .extracting(Contact::role)
        .containsExactly(
            "DevOps Lead", "Engineering Manager", "Business Continuity", "Security Vendor");
    assertThat(breach.contacts())
        .filteredOn(c -> c.role().equals("Security Vendor"))
        .extracting(Contact::primary)
        .containsExactly("CrowdStrike/incident response team");

    // low severities stay off the pager
    assertThat(policy.route(request("P4", "PERFORMANCE_DEGRADATION", 1)).channels())
        .containsExactly("email", "slack");
  }

  @Test
  void shouldAlsoPageTheContactsHoldingTheRecipientRoleWhenTheCommandNamesOne() {
    // given a contact table where the Engineering Manager also approves containment
    NotificationPolicy withApprovers =
        new NotificationPolicy(
            Map.of(
                "DevOps Lead",
                    new Contact(
                        "DevOps Lead", "Alice Johnson", "Bob Wilson", null, "devops@candlefish.ai"),
                "Engineering Manager",
                    new Contact(
                        "Engineering Manager",
                        "Carol Davis",
                        "Dave Brown",
                        null,
                        "engineering@candlefish.ai",
                        List.of("security-officer")),
                "Security Officer",
                    new Contact(
                        "Security Officer",
                        "Sam Reed",
                        null,
                        null,
                        "security@candlefish.ai",
                        List.of("security-officer"))),
            policy.levels(),
            List.of(),
            List.of("email"));
    NotificationRequest approval =
        new NotificationRequest(
            "INC-1",
            "P1",
            "SECURITY_BREACH",
            "approval-requested",
            1,
            Map.of(),
            "security-officer");

    // when
    NotificationPolicy.Routing routing = withApprovers.route(approval);

    // then the level's contact and every holder of the role, each once
    assertThat(routing.contacts())
        .extracting(Contact::role)
        .containsExactlyInAnyOrder("DevOps Lead", "Engineering Manager", "Security Officer");
    assertThat(routing.roleHolders())
        .extracting(Contact::label)
        .containsExactlyInAnyOrder(
            "Engineering Manager (Carol Davis)", "Security Officer (Sam Reed)");
    assertThat(withApprovers.route(request("P1", "SECURITY_BREACH", 1)).contacts())
        .extracting(Contact::role)
        .containsExactly("DevOps Lead");
  }

  @Test
  void shouldNameARecipientRoleNobodyHoldsRatherThanDropIt() {
    NotificationPolicy.Routing routing =
        policy.route(
            new NotificationRequest(
                "INC-1",
                "P3",
                "TABLE_CORRUPTION",
                "approval-requested",
                1,
                Map.of(),
                "dba-approver"));

    assertThat(routing.roleHolders()).extracting(Contact::role).containsExactly("dba-approver");
    assertThat(routing.contacts())
        .extracting(Contact::role)
        .containsExactly("DevOps Lead", "dba-approver");
  }

  @Test
  void shouldGiveTheSecurityOfficerRoleToAConfigurableContactByDefault() {
    assertThat(
            policy
                .route(
                    new NotificationRequest(
                        "INC-1",
                        "P1",
                        "SECURITY_BREACH",
                        "approval-requested",
                        1,
                        Map.of(),
                        "security-officer"))
                .roleHolders())
        .extracting(Contact::role)
        .containsExactly("Security Officer");
  }

  @Test
  void shouldTreatALevelAboveTheMatrixAsItsHighestLevel() {
    assertThat(policy.route(request("P3", "TABLE_CORRUPTION", 7)).level().level()).isEqualTo(4);
  }
}
