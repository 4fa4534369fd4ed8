package io.drautopilot.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IncidentDetectorTest {

  static final String EAST = "us-east-1";
  static final String WEST = "us-west-2";

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  final AtomicInteger ids = new AtomicInteger();
  IncidentDetector detector =
      new IncidentDetector(
          TestRules.RULES, TestRules.policy(2, 2), clock, () -> "inc-" + ids.incrementAndGet());

  Observation fail(String table, String signal) {
    return Observation.failing(
        "table-availability", EAST, table, signal, "test", null, clock.instant());
  }

  Observation fail(String region, String table, String signal, Double value) {
    return Observation.failing(
        "probe-" + signal, region, table, signal, "test", value, clock.instant());
  }

  Observation pass(String table) {
    return Observation.passing("table-availability", EAST, table, clock.instant());
  }

  List<Decision> round(Observation... observations) {
    List<Decision> d = detector.evaluate(List.of(observations));
    clock.advance(Duration.ofSeconds(1));
    return d;
  }

  @Test
  void shouldNotRaiseBeforeTheConfiguredNumberOfConsecutiveFailures() {
    // given N = 2
    // when one failing round
    List<Decision> first = round(fail("entities", "table-missing"));

    // then nothing yet
    assertThat(first).isEmpty();
  }

  @Test
  void shouldRaiseAfterNConsecutiveFailuresWithImpactStartAtTheFirstFailingObservation() {
    Instant firstFailure = clock.instant();

    round(fail("entities", "table-missing"));
    List<Decision> second = round(fail("entities", "table-missing"));

    assertThat(second).hasSize(1).first().isInstanceOf(Decision.Raised.class);
    Incident incident = second.get(0).incident();
    assertThat(incident.scenario()).isEqualTo(RunbookScenario.TABLE_CORRUPTION);
    assertThat(incident.severity()).isEqualTo(RunbookSeverity.P1);
    assertThat(incident.fingerprint()).isEqualTo("TABLE_CORRUPTION|us-east-1|entities");
    assertThat(incident.affectedResources()).containsExactly("entities");
    assertThat(incident.impactStartedAt()).isEqualTo(firstFailure);
    assertThat(incident.detectedAt()).isEqualTo(firstFailure.plusSeconds(1));
    assertThat(incident.symptoms()).extracting(Symptom::signal).containsExactly("table-missing");
  }

  @Test
  void shouldIgnoreAFlapThatRecoversBeforeReachingTheThreshold() {
    round(fail("entities", "table-missing"));
    round(pass("entities"));
    List<Decision> third = round(fail("entities", "table-missing"));

    assertThat(third).isEmpty();
  }

  @Test
  void shouldRaiseAnOngoingProblemOnlyOnce() {
    round(fail("entities", "table-missing"));
    round(fail("entities", "table-missing"));

    List<Decision> later = round(fail("entities", "table-missing"));
    later.addAll(round(fail("entities", "table-missing")));

    assertThat(later).isEmpty();
    assertThat(detector.openIncidents()).containsOnlyKeys("TABLE_CORRUPTION|us-east-1|entities");
  }

  @Test
  void shouldPublishAWorseningAsAnUpgradeWithTheSameIncidentIdAndImpactStart() {
    Instant firstFailure = clock.instant();
    round(fail(EAST, "entities", "throttling", 20.0));
    Decision raised = round(fail(EAST, "entities", "throttling", 20.0)).get(0);

    List<Decision> worse = round(fail(EAST, "entities", "throttling", 500.0));

    assertThat(raised.incident().severity()).isEqualTo(RunbookSeverity.P3);
    assertThat(worse).hasSize(1).first().isInstanceOf(Decision.Upgraded.class);
    Decision.Upgraded up = (Decision.Upgraded) worse.get(0);
    assertThat(up.incident().incidentId()).isEqualTo(raised.incident().incidentId());
    assertThat(up.incident().fingerprint()).isEqualTo(raised.incident().fingerprint());
    assertThat(up.incident().severity()).isEqualTo(RunbookSeverity.P2);
    assertThat(up.previousSeverity()).isEqualTo(RunbookSeverity.P3);
    assertThat(up.incident().impactStartedAt()).isEqualTo(firstFailure);
  }

  @Test
  void shouldNotPublishAnImprovementWhileTheProblemIsOngoing() {
    round(fail(EAST, "entities", "throttling", 500.0));
    round(fail(EAST, "entities", "throttling", 500.0));

    List<Decision> better = round(fail(EAST, "entities", "throttling", 20.0));

    assertThat(better).isEmpty();
    assertThat(detector.openIncidents().values())
        .extracting(Incident::severity)
        .containsExactly(RunbookSeverity.P2);
  }

  @Test
  void shouldClearAfterConsecutiveGreenProbes() {
    round(fail("entities", "table-missing"));
    Decision raised = round(fail("entities", "table-missing")).get(0);

    List<Decision> oneGreen = round(pass("entities"));
    List<Decision> twoGreen = round(pass("entities"));

    assertThat(oneGreen).isEmpty();
    assertThat(twoGreen).hasSize(1).first().isInstanceOf(Decision.Cleared.class);
    assertThat(twoGreen.get(0).incident().incidentId()).isEqualTo(raised.incident().incidentId());
    assertThat(detector.openIncidents()).isEmpty();
  }

  @Test
  void shouldRaiseANewIncidentIdWhenTheProblemReturnsAfterClearing() {
    round(fail("entities", "table-missing"));
    String first = round(fail("entities", "table-missing")).get(0).incident().incidentId();
    round(pass("entities"));
    round(pass("entities"));

    round(fail("entities", "table-missing"));
    List<Decision> again = round(fail("entities", "table-missing"));

    assertThat(again).hasSize(1).first().isInstanceOf(Decision.Raised.class);
    assertThat(again.get(0).incident().incidentId()).isNotEqualTo(first);
  }

  @Test
  void shouldRaiseOneRegionalIncidentWhenSeveralTablesFailInOneRegion() {
    Instant firstFailure = clock.instant();
    round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));

    List<Decision> d =
        round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));

    assertThat(d).hasSize(1);
    Incident incident = d.get(0).incident();
    assertThat(incident.scenario()).isEqualTo(RunbookScenario.REGIONAL_FAILURE);
    assertThat(incident.severity()).isEqualTo(RunbookSeverity.P1);
    assertThat(incident.fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1");
    assertThat(incident.affectedResources()).containsExactly("entities", "events");
    assertThat(incident.impactStartedAt()).isEqualTo(firstFailure);
  }

  @Test
  void shouldRaiseSeparateTableIncidentsWhenFailuresAreFurtherApartThanTheWindow() {
    round(fail("entities", "table-unavailable"));
    round(fail("entities", "table-unavailable"));
    clock.advance(Duration.ofMinutes(5));

    round(fail("events", "table-unavailable"), fail("entities", "table-unavailable"));
    List<Decision> d =
        round(fail("events", "table-unavailable"), fail("entities", "table-unavailable"));

    assertThat(d)
        .extracting(x -> x.incident().fingerprint())
        .containsExactly("TABLE_CORRUPTION|us-east-1|events");
  }

  @Test
  void shouldNotCorrelateTablesOfDifferentRegions() {
    Observation eastEntities = fail(EAST, "entities", "table-unavailable", null);
    Observation westEvents = fail(WEST, "events", "table-unavailable", null);
    round(eastEntities, westEvents);

    List<Decision> d =
        round(
            fail(EAST, "entities", "table-unavailable", null),
            fail(WEST, "events", "table-unavailable", null));

    assertThat(d)
        .extracting(x -> x.incident().scenario())
        .containsOnly(RunbookScenario.TABLE_CORRUPTION);
    assertThat(d).hasSize(2);
  }

  @Test
  void shouldRaiseARegionalIncidentForAnUnreachableEndpointEvenWithOneTable() {
    round(fail("entities", "endpoint-unreachable"));
    List<Decision> d = round(fail("entities", "endpoint-unreachable"));

    assertThat(d).hasSize(1);
    assertThat(d.get(0).incident().fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1");
  }

  @Test
  void shouldWidenTheRegionalIncidentWhenTheOutageReachesAnotherTable() {
    round(fail("entities", "endpoint-unreachable"));
    Decision raised = round(fail("entities", "endpoint-unreachable")).get(0);

    round(fail("entities", "endpoint-unreachable"), fail("events", "endpoint-unreachable"));
    List<Decision> later =
        round(fail("entities", "endpoint-unreachable"), fail("events", "endpoint-unreachable"));
    List<Decision> unchanged =
        round(fail("entities", "endpoint-unreachable"), fail("events", "endpoint-unreachable"));

    assertThat(raised.incident().affectedResources()).containsExactly("entities");
    assertThat(later)
        .hasSize(1)
        .first()
        .isInstanceOfSatisfying(
            Decision.Widened.class,
            w -> {
              assertThat(w.incident().incidentId()).isEqualTo(raised.incident().incidentId());
              assertThat(w.incident().severity()).isEqualTo(raised.incident().severity());
              assertThat(w.incident().affectedResources()).containsExactly("entities", "events");
              assertThat(w.previousResources()).containsExactly("entities");
            });
    assertThat(unchanged).isEmpty();
  }

  @Test
  void shouldNameEveryTableOfTheRegionInARegionalIncidentEvenWhenOnlyOneIsSeenFailing() {
    // given the detector watches three tables in us-east-1 and one in us-west-2
    DetectionPolicy base = TestRules.policy(2, 2);
    detector =
        new IncidentDetector(
            TestRules.RULES,
            new DetectionPolicy(
                base.consecutiveFailures(),
                base.consecutiveSuccesses(),
                base.correlationWindow(),
                base.correlationMinResources(),
                base.correlatedSignals(),
                base.correlatedScenario(),
                base.correlatedSeverity(),
                base.regionalEvidenceSignals(),
                Map.of(EAST, List.of("entities", "events", "audit"), WEST, List.of("entities-dr"))),
            clock,
            () -> "inc-" + ids.incrementAndGet());

    // when the region's endpoint is unreachable from one table's probe
    round(fail("entities", "endpoint-unreachable"));
    List<Decision> d = round(fail("entities", "endpoint-unreachable"));

    // then the regional incident names the region's every table (the recovery acts on them from the
    // start)
    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.incident().fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1");
              assertThat(x.incident().affectedResources())
                  .containsExactly("audit", "entities", "events");
            });
    // and the others failing later do not widen it
    round(fail("entities", "endpoint-unreachable"), fail("events", "endpoint-unreachable"));
    assertThat(
            round(fail("entities", "endpoint-unreachable"), fail("events", "endpoint-unreachable")))
        .isEmpty();
  }

  @Test
  void shouldKeepAnAbsorbedTableIncidentOpenUntilItsTableIsGreen() {
    round(fail("entities", "table-unavailable"));
    Decision table = round(fail("entities", "table-unavailable")).get(0);

    round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));
    List<Decision> regional =
        round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));

    assertThat(table.incident().fingerprint()).isEqualTo("TABLE_CORRUPTION|us-east-1|entities");
    assertThat(regional).hasSize(1);
    assertThat(regional.get(0)).isInstanceOf(Decision.Raised.class);
    assertThat(regional.get(0).incident().fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1");
    assertThat(detector.openIncidents())
        .containsKeys("TABLE_CORRUPTION|us-east-1|entities", "REGIONAL_FAILURE|us-east-1");
  }

  @Test
  void shouldClearTheRegionalIncidentOnlyWhenEveryTableIsGreen() {
    round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));
    round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));

    round(pass("entities"), fail("events", "table-unavailable"));
    List<Decision> oneStillFailing = round(pass("entities"), fail("events", "table-unavailable"));
    round(pass("entities"), pass("events"));
    List<Decision> allGreen = round(pass("entities"), pass("events"));

    assertThat(oneStillFailing).isEmpty();
    assertThat(allGreen).hasSize(1).first().isInstanceOf(Decision.Cleared.class);
    assertThat(allGreen.get(0).incident().fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1");
  }

  @Test
  void shouldRaiseAPreConfirmedAlertAtOnce() {
    Observation alert = fail(EAST, "entities", "table-missing", null).asPreConfirmed();

    List<Decision> d = round(alert);

    assertThat(d).hasSize(1).first().isInstanceOf(Decision.Raised.class);
  }

  @Test
  void shouldIgnoreSignalsNoRuleClassifies() {
    round(fail(EAST, "entities", "something-odd", null));
    List<Decision> d = round(fail(EAST, "entities", "something-odd", null));

    assertThat(d).isEmpty();
  }

  @Test
  void shouldDecideARaiseAgainWhenItsPublicationFailed() {
    round(fail("entities", "table-missing"));
    Decision raised = round(fail("entities", "table-missing")).get(0);

    detector.publicationFailed(raised);
    List<Decision> retried = round(fail("entities", "table-missing"));

    assertThat(retried).hasSize(1).first().isInstanceOf(Decision.Raised.class);
    assertThat(retried.get(0).incident().impactStartedAt())
        .isEqualTo(raised.incident().impactStartedAt());
  }

  static final Map<String, String> MALLORY =
      Map.of(
          "principalType",
          "USER",
          "principalName",
          "mallory",
          "principalArn",
          "arn:aws:iam::000000000000:user/mallory",
          "accessKeyId",
          "AKIAIOSFODNN7EXAMPLE",
          "sourceIp",
          "203.0.113.45");

  @Test
  void shouldCarryTheSubjectsAnObservationNamesIntoTheIncidentsSymptoms() {
    round(fail(EAST, "entities", "throttling", 20.0).withSubjects(MALLORY));
    Decision raised =
        round(fail(EAST, "entities", "throttling", 20.0).withSubjects(MALLORY)).get(0);

    assertThat(raised.incident().symptoms())
        .singleElement()
        .satisfies(s -> assertThat(s.subjects()).isEqualTo(MALLORY));
  }

  @Test
  void shouldKeepTheSubjectsOfTheSeriesWhenALaterFailureNamesNoOneAndTheProblemWorsens() {
    round(fail(EAST, "entities", "throttling", 20.0).withSubjects(MALLORY));
    round(fail(EAST, "entities", "throttling", 20.0));

    List<Decision> worse = round(fail(EAST, "entities", "throttling", 500.0));

    assertThat(worse).singleElement().isInstanceOf(Decision.Upgraded.class);
    assertThat(worse.get(0).incident().symptoms())
        .singleElement()
        .satisfies(s -> assertThat(s.subjects()).isEqualTo(MALLORY));
  }

  @Test
  void shouldKeepEachTablesSubjectsInARegionalIncident() {
    Map<String, String> other = Map.of("sourceIp", "198.51.100.7");
    round(
        fail("entities", "table-unavailable").withSubjects(MALLORY),
        fail("events", "table-unavailable").withSubjects(other));

    List<Decision> d =
        round(fail("entities", "table-unavailable"), fail("events", "table-unavailable"));

    assertThat(d)
        .singleElement()
        .satisfies(
            x -> assertThat(x.incident().fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1"));
    assertThat(d.get(0).incident().symptoms())
        .extracting(Symptom::resource, Symptom::subjects)
        .containsExactlyInAnyOrder(tuple("entities", MALLORY), tuple("events", other));
  }

  @Test
  void shouldKeepTheSubjectsOfAPreConfirmedAlert() {
    List<Decision> d =
        round(fail(EAST, "entities", "table-missing", null).withSubjects(MALLORY).asPreConfirmed());

    assertThat(d.get(0).incident().symptoms())
        .singleElement()
        .satisfies(s -> assertThat(s.subjects()).isEqualTo(MALLORY));
  }

  Observation awsHealthIssue(String region) {
    return Observation.failing(
            "aws-health:DYNAMODB",
            region,
            null,
            DetectionPolicy.AWS_HEALTH_ISSUE,
            "AWS Health reports 1 open DYNAMODB issue(s)",
            1.0,
            clock.instant())
        .asPreConfirmed();
  }

  @Test
  void shouldAttachAnOpenAwsHealthIssueToTheRegionalIncidentAsEvidence() {
    round(
        fail("entities", "table-unavailable"),
        fail("events", "table-unavailable"),
        awsHealthIssue(EAST));

    List<Decision> d =
        round(
            fail("entities", "table-unavailable"),
            fail("events", "table-unavailable"),
            awsHealthIssue(EAST));

    assertThat(d).hasSize(1).first().isInstanceOf(Decision.Raised.class);
    Incident incident = d.get(0).incident();
    assertThat(incident.fingerprint()).isEqualTo("REGIONAL_FAILURE|us-east-1");
    assertThat(incident.affectedResources()).containsExactly("entities", "events");
    assertThat(incident.symptoms())
        .extracting(Symptom::signal)
        .containsExactly(
            "table-unavailable", "table-unavailable", DetectionPolicy.AWS_HEALTH_ISSUE);
  }

  @Test
  void shouldNotRaiseAnIncidentForAnOpenAwsHealthIssueAlone() {
    List<Decision> first = round(awsHealthIssue(EAST));
    List<Decision> second = round(awsHealthIssue(EAST), fail("entities", "table-unavailable"));

    assertThat(first).isEmpty();
    assertThat(second).isEmpty();
  }

  @Test
  void shouldNotAttachAnotherRegionsAwsHealthIssue() {
    round(
        fail("entities", "table-unavailable"),
        fail("events", "table-unavailable"),
        awsHealthIssue(WEST));

    List<Decision> d =
        round(
            fail("entities", "table-unavailable"),
            fail("events", "table-unavailable"),
            awsHealthIssue(WEST));

    assertThat(d.get(0).incident().symptoms())
        .extracting(Symptom::signal)
        .containsExactly("table-unavailable", "table-unavailable");
  }

  @Test
  void shouldClearTheRegionalIncidentWhenEveryTableIsGreenWhileAwsHealthStillReportsTheIssue() {
    round(
        fail("entities", "table-unavailable"),
        fail("events", "table-unavailable"),
        awsHealthIssue(EAST));
    round(
        fail("entities", "table-unavailable"),
        fail("events", "table-unavailable"),
        awsHealthIssue(EAST));

    round(pass("entities"), pass("events"), awsHealthIssue(EAST));
    List<Decision> allGreen = round(pass("entities"), pass("events"), awsHealthIssue(EAST));

    assertThat(allGreen).hasSize(1).first().isInstanceOf(Decision.Cleared.class);
  }
}
