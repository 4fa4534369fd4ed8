package io.drautopilot.detector.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.Decision;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.MutableClock;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alertmanager groups as Alertmanager sends them (fixture: the v4 webhook Message), through the parser and the
 * detector: one series per alert, so the outcome never depends on the order of a group's alerts.
 */
class AlertmanagerAlertsTest {

  static final String FP = "TABLE_CORRUPTION|us-east-1|am-group-table";

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:30:00Z"));
  final AtomicInteger ids = new AtomicInteger();
  DetectorProperties.Webhooks webhooks = DetectorSettings.bind().webhooks();
  final IncidentDetector detector =
      new IncidentDetector(
          new ClassificationRules(
              List.of(
                  new ClassificationRule(
                      "table-unavailable",
                      null,
                      RunbookScenario.TABLE_CORRUPTION,
                      RunbookSeverity.P2,
                      null,
                      null))),
          new DetectionPolicy(
              2,
              2,
              Duration.ofMinutes(2),
              2,
              Set.of("table-unavailable"),
              RunbookScenario.REGIONAL_FAILURE,
              RunbookSeverity.P1),
          clock,
          () -> "inc-" + ids.incrementAndGet());

  AlertParser parser() {
    DetectorProperties.Target target =
        new DetectorProperties.Target("us-east-1", List.of("am-group-table"));
    return new AlertParser(webhooks, List.of(target));
  }

  /** The fixture group with each alert's status set as given, in the fixture's order or reversed. */
  static ObjectNode group(boolean reversed, String first, String second) {
    ObjectNode payload = Fixtures.read("alertmanager/group-partly-resolved.json");
    ArrayNode alerts = (ArrayNode) payload.get("alerts");
    ((ObjectNode) alerts.get(0)).put("status", first);
    ((ObjectNode) alerts.get(1)).put("status", second);
    if (reversed) {
      List<JsonNode> copy = new ArrayList<>();
      alerts.forEach(copy::add);
      alerts.removeAll();
      for (int i = copy.size() - 1; i >= 0; i--) {
        alerts.add(copy.get(i));
      }
    }
    return payload;
  }

  List<Decision> send(JsonNode payload) {
    List<Decision> d = detector.evaluate(parser().alertmanager(payload, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    return d;
  }

  @Test
  void shouldKeepTheIncidentOpenWhenOneAlertResolvesWhileAnotherStillFiresInEitherOrder() {
    for (boolean reversed : new boolean[] {false, true}) {
      IncidentDetector fresh =
          new IncidentDetector(
              new ClassificationRules(
                  List.of(
                      new ClassificationRule(
                          "table-unavailable",
                          null,
                          RunbookScenario.TABLE_CORRUPTION,
                          RunbookSeverity.P2,
                          null,
                          null))),
              new DetectionPolicy(
                  2,
                  2,
                  Duration.ofMinutes(2),
                  2,
                  Set.of(),
                  RunbookScenario.REGIONAL_FAILURE,
                  RunbookSeverity.P1),
              clock,
              () -> "inc-" + ids.incrementAndGet());
      List<Decision> raised =
          fresh.evaluate(
              parser().alertmanager(group(reversed, "firing", "firing"), clock.instant()));
      String incidentId = raised.get(0).incident().incidentId();

      List<Decision> partly =
          fresh.evaluate(
              parser().alertmanager(group(reversed, "firing", "resolved"), clock.instant()));

      assertThat(raised).singleElement().isInstanceOf(Decision.Raised.class);
      assertThat(partly).as("reversed=" + reversed).isEmpty();
      assertThat(fresh.openIncidents().get(FP).incidentId()).isEqualTo(incidentId);
    }
  }

  @Test
  void shouldGiveTheSameOutcomeWhicheverOrderAGroupListsItsAlerts() {
    send(group(false, "firing", "firing"));

    assertThat(send(group(true, "resolved", "firing"))).isEmpty();
    assertThat(send(group(false, "firing", "resolved"))).isEmpty();
    assertThat(send(group(true, "firing", "resolved"))).isEmpty();
    assertThat(detector.openIncidents()).containsOnlyKeys(FP);
    assertThat(detector.openIncidents().get(FP).incidentId()).isEqualTo("inc-1");
  }

  @Test
  void shouldClearOnlyWhenEveryAlertBehindTheCheckHasResolved() {
    Decision raised = send(group(false, "firing", "firing")).get(0);

    List<Decision> oneResolved = send(group(false, "resolved", "firing"));
    List<Decision> bothResolved = send(group(true, "resolved", "resolved"));

    assertThat(oneResolved).isEmpty();
    assertThat(bothResolved)
        .singleElement()
        .isInstanceOfSatisfying(
            Decision.Cleared.class,
            c -> assertThat(c.incident().incidentId()).isEqualTo(raised.incident().incidentId()));
  }

  @Test
  void shouldPublishNothingMoreWhenAlertmanagerReSendsTheSameGroup() {
    List<Decision> first = send(group(false, "firing", "firing"));

    List<Decision> renotified = send(group(false, "firing", "firing"));
    List<Decision> renotifiedReversed = send(group(true, "firing", "firing"));

    assertThat(first).singleElement().isInstanceOf(Decision.Raised.class);
    assertThat(renotified).isEmpty();
    assertThat(renotifiedReversed).isEmpty();
  }

  @Test
  void shouldTellAlertsApartByTheirLabelSetWhenTheyCarryNoFingerprint() {
    ObjectNode both = group(false, "firing", "firing");
    ObjectNode partly = group(true, "resolved", "firing");
    for (ObjectNode payload : List.of(both, partly)) {
      payload.get("alerts").forEach(a -> ((ObjectNode) a).remove("fingerprint"));
    }

    send(both);

    assertThat(send(partly)).isEmpty();
    assertThat(detector.openIncidents()).containsOnlyKeys(FP);
  }

  @Test
  void shouldRaiseToTheAlertsOwnSeverityWhenItIsWorseThanTheRule() {
    ObjectNode payload = group(false, "firing", "resolved");
    ((ObjectNode) payload.get("alerts").get(0).get("labels")).put("severity", "critical");

    Decision raised = send(payload).get(0);

    assertThat(raised.incident().severity()).isEqualTo(RunbookSeverity.P1);
  }

  @Test
  void shouldKeepTheRulesSeverityWhenTheAlertSaysLessUnlessConfiguredToFollowTheAlert() {
    Decision byRule = send(group(false, "firing", "resolved")).get(0);
    send(group(false, "resolved", "resolved"));
    webhooks =
        DetectorSettings.bind("dr.detector.webhooks.alertmanager.severity-mode", "alert")
            .webhooks();

    Decision byAlert = send(group(false, "firing", "resolved")).get(0);

    assertThat(byRule.incident().severity())
        .as("warning (P3) is milder than the rule's P2")
        .isEqualTo(RunbookSeverity.P2);
    assertThat(byAlert.incident().severity()).isEqualTo(RunbookSeverity.P3);
  }

  @Test
  void shouldClampAStaleStartsAtAndSaySoInTheEvidence() {
    ObjectNode payload = group(false, "firing", "resolved");
    ((ObjectNode) payload.get("alerts").get(0)).put("startsAt", "2023-01-15T10:20:00.000Z");
    Instant now = clock.instant();

    Decision raised = send(payload).get(0);

    assertThat(raised.incident().impactStartedAt()).isEqualTo(now.minus(Duration.ofHours(24)));
    assertThat(raised.incident().symptoms())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.detail())
                    .contains(
                        "startsAt 2023-01-15T10:20:00Z is older than PT24H: impact start clamped to 2026-01-14T10:30:00Z"));
  }

  @Test
  void shouldClampAStartsAtInTheFutureToNow() {
    ObjectNode payload = group(false, "firing", "resolved");
    ((ObjectNode) payload.get("alerts").get(0)).put("startsAt", "2026-01-15T11:30:00.000Z");
    Instant now = clock.instant();

    Decision raised = send(payload).get(0);

    assertThat(raised.incident().impactStartedAt()).isEqualTo(now);
    assertThat(raised.incident().symptoms().get(0).detail())
        .contains("is in the future: impact start clamped to " + now);
  }

  @Test
  void shouldFlagAnAlertAboutATableThatIsNotAConfiguredTarget() {
    ObjectNode payload = group(false, "firing", "resolved");
    ((ObjectNode) payload.get("alerts").get(0).get("labels")).put("table", "someone-elses-table");

    Decision raised = send(payload).get(0);

    assertThat(raised.incident().affectedResources()).containsExactly("someone-elses-table");
    assertThat(raised.incident().symptoms().get(0).detail())
        .contains("[unmanaged: someone-elses-table is not a configured target in us-east-1]");
  }

  @Test
  void shouldRefuseAnAlertAboutAnUnmanagedTableWhenConfiguredTo() {
    webhooks = DetectorSettings.bind("dr.detector.webhooks.unmanaged-tables", "refuse").webhooks();
    ObjectNode payload = group(false, "firing", "resolved");
    ((ObjectNode) payload.get("alerts").get(1).get("labels")).put("table", "someone-elses-table");

    assertThatThrownBy(() -> parser().alertmanager(payload, clock.instant()))
        .isInstanceOfSatisfying(
            WebhookRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains("table someone-elses-table in us-east-1 is not a configured target");
            });
  }
}
