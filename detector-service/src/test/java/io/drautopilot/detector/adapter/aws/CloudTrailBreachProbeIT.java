package io.drautopilot.detector.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.domain.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The CloudTrail probe against WireMock answering FilterLogEvents with CloudTrail data events as CloudTrail writes them. */
class CloudTrailBreachProbeIT {

  static final String TABLE = "ct-entities";
  static final String MALLORY = "arn:aws:iam::000000000000:user/mallory";
  static final String ALICE = "arn:aws:iam::000000000000:user/alice";
  static final String EXPORTER = "arn:aws:sts::000000000000:assumed-role/DataExporter/eve-session";
  static final String ZED = "arn:aws:sts::000000000000:assumed-role/ZedRole/zed-session";

  /** One WireMock per class, its stubs and journal reset before each test (WireMock's own extension). */
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(options().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  final Instant now = Instant.parse("2026-01-15T10:30:00Z");
  final JsonMapper json = JsonMapper.builder().build();
  DetectorProperties.Breach config;

  @BeforeEach
  void reset() {
    config = breach();
  }

  /** The breach probe's settings: a burst is 3 Scans, unless these keys and values say otherwise. */
  static DetectorProperties.Breach breach(String... keysAndValues) {
    List<String> settings =
        new ArrayList<>(List.of("dr.detector.probes.breach.scan-burst-threshold", "3"));
    settings.addAll(List.of(keysAndValues));
    return DetectorSettings.bind(settings.toArray(String[]::new)).probes().breach();
  }

  static Map<String, Object> iamUser(String name, String accessKeyId) {
    return Map.of(
        "type",
        "IAMUser",
        "principalId",
        "AIDAEXAMPLE" + name.toUpperCase(),
        "accountId",
        "000000000000",
        "arn",
        "arn:aws:iam::000000000000:user/" + name,
        "accessKeyId",
        accessKeyId,
        "userName",
        name);
  }

  static Map<String, Object> assumedRole(String role, String session, String accessKeyId) {
    return Map.of(
        "type",
        "AssumedRole",
        "principalId",
        "AROAEXAMPLE:" + session,
        "accountId",
        "000000000000",
        "arn",
        "arn:aws:sts::000000000000:assumed-role/" + role + "/" + session,
        "accessKeyId",
        accessKeyId,
        "sessionContext",
        Map.of(
            "sessionIssuer",
                Map.of(
                    "type",
                    "Role",
                    "principalId",
                    "AROAEXAMPLE",
                    "arn",
                    "arn:aws:iam::000000000000:role/" + role,
                    "accountId",
                    "000000000000",
                    "userName",
                    role),
            "attributes",
                Map.of("creationDate", "2026-01-15T10:00:00Z", "mfaAuthenticated", "false")));
  }

  Map<String, Object> event(Map<String, Object> identity, String eventName, String sourceIp) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventVersion", "1.09");
    e.put("userIdentity", identity);
    e.put("eventTime", "2026-01-15T10:28:00Z");
    e.put("eventSource", "dynamodb.amazonaws.com");
    e.put("eventName", eventName);
    e.put("awsRegion", "us-east-1");
    e.put("sourceIPAddress", sourceIp);
    e.put("userAgent", "aws-cli/2.15.0");
    e.put("requestParameters", Map.of("tableName", TABLE));
    e.put("readOnly", true);
    e.put("eventType", "AwsApiCall");
    e.put("eventCategory", "Data");
    return e;
  }

  void filterLogEventsReturns(List<Map<String, Object>> trail) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < trail.size(); i++) {
      events.add(
          Map.of(
              "logStreamName",
              "000000000000_CloudTrail_us-east-1",
              "timestamp",
              now.toEpochMilli() - 60_000 + i,
              "ingestionTime",
              now.toEpochMilli(),
              "message",
              json.writeValueAsString(trail.get(i)),
              "eventId",
              "ev-" + i));
    }
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        json.writeValueAsString(
                            Map.of("events", events, "searchedLogStreams", List.of())))));
  }

  Observation probe() {
    AwsProperties props = new AwsProperties();
    props.setStaticCredentials(true);
    props.getEndpoints().put("default", "http://127.0.0.1:" + server.getPort());
    DetectorProperties.Target target = new DetectorProperties.Target("us-east-1", List.of(TABLE));
    List<Observation> out =
        new CloudTrailBreachProbe(List.of(target), config, new AwsClientFactory(props)).probe(now);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  static List<Map<String, Object>> times(int n, Map<String, Object> event) {
    return java.util.Collections.nCopies(n, event);
  }

  static Map<String, Object> at(String eventTime, Map<String, Object> event) {
    Map<String, Object> copy = new LinkedHashMap<>(event);
    copy.put("eventTime", eventTime);
    return copy;
  }

  @Test
  void shouldStartTheImpactAtTheEarliestSuspiciousEventWhenABurstIsFound() {
    // given ordinary reads by alice before the burst, and mallory's Scans from 10:26:10 on
    config =
        breach(
            "dr.detector.probes.breach.known-principals", "arn:aws:iam::000000000000:user/alice");
    Map<String, Object> malloryScan =
        event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "Scan", "203.0.113.45");
    filterLogEventsReturns(
        List.of(
            at(
                "2026-01-15T10:25:30Z",
                event(iamUser("alice", "AKIAEXAMPLEALICE0001"), "GetItem", "198.51.100.7")),
            at("2026-01-15T10:26:10Z", malloryScan),
            at("2026-01-15T10:27:00Z", malloryScan),
            at("2026-01-15T10:29:40Z", malloryScan)));

    // when the probe runs at 10:30
    Observation o = probe();

    // then the failure is observed at mallory's first Scan (the impact start), not at the round,
    // nor at alice's read
    assertThat(o.failing()).isTrue();
    assertThat(o.observedAt()).isEqualTo(Instant.parse("2026-01-15T10:26:10Z"));
    assertThat(o.detail()).endsWith("the first at 2026-01-15T10:26:10Z");
  }

  @Test
  void shouldStartTheImpactAtAnUnknownPrincipalsFirstReadWhenItIsEarlierThanTheBurst() {
    config =
        breach(
            "dr.detector.probes.breach.known-principals",
            "arn:aws:iam::000000000000:user/alice,arn:aws:iam::000000000000:user/mallory",
            "dr.detector.probes.breach.scan-burst-threshold",
            "2");
    Map<String, Object> malloryScan =
        event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "Scan", "203.0.113.45");
    filterLogEventsReturns(
        List.of(
            at("2026-01-15T10:27:00Z", malloryScan),
            at("2026-01-15T10:28:00Z", malloryScan),
            at(
                "2026-01-15T10:25:05Z",
                event(
                    assumedRole("DataExporter", "eve-session", "ASIAEXAMPLEEVE000001"),
                    "GetItem",
                    "192.0.2.10"))));

    Observation o = probe();

    assertThat(o.observedAt()).isEqualTo(Instant.parse("2026-01-15T10:25:05Z"));
  }

  @Test
  void shouldRaiseTheIncidentWithItsImpactStartAtTheFirstSuspiciousEvent() {
    // given a burst that began at 10:26:10, seen by two rounds (flap damping of 2)
    Map<String, Object> malloryScan =
        event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "Scan", "203.0.113.45");
    filterLogEventsReturns(
        List.of(
            at("2026-01-15T10:26:10Z", malloryScan),
            at("2026-01-15T10:27:00Z", malloryScan),
            at("2026-01-15T10:29:40Z", malloryScan)));
    io.drautopilot.detector.domain.MutableClock clock =
        new io.drautopilot.detector.domain.MutableClock(now);
    io.drautopilot.detector.domain.IncidentDetector detector =
        new io.drautopilot.detector.domain.IncidentDetector(
            new io.drautopilot.detector.domain.ClassificationRules(
                List.of(
                    new io.drautopilot.detector.domain.ClassificationRule(
                        "suspicious-access",
                        null,
                        io.drautopilot.detector.domain.RunbookScenario.SECURITY_BREACH,
                        io.drautopilot.detector.domain.RunbookSeverity.P1,
                        null,
                        null))),
            new io.drautopilot.detector.domain.DetectionPolicy(
                2,
                2,
                java.time.Duration.ofMinutes(2),
                2,
                java.util.Set.of(),
                io.drautopilot.detector.domain.RunbookScenario.REGIONAL_FAILURE,
                io.drautopilot.detector.domain.RunbookSeverity.P1),
            clock,
            () -> "inc-breach");

    // when two rounds see it
    detector.evaluate(List.of(probe()));
    clock.advance(java.time.Duration.ofSeconds(30));
    List<io.drautopilot.detector.domain.Decision> decisions = detector.evaluate(List.of(probe()));

    // then the incident's impact starts at the first Scan, before detection
    assertThat(decisions)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.incident().impactStartedAt())
                  .isEqualTo(Instant.parse("2026-01-15T10:26:10Z"));
              assertThat(d.incident().detectedAt()).isEqualTo(now.plusSeconds(30));
            });
  }

  @Test
  void shouldNameTheIamUserBehindTheWorstScanBurstWithItsAccessKeyAndSourceIp() {
    List<Map<String, Object>> trail = new ArrayList<>();
    trail.addAll(times(3, event(iamUser("alice", "AKIAEXAMPLEALICE0001"), "Scan", "198.51.100.7")));
    trail.addAll(
        times(5, event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "Scan", "203.0.113.45")));
    trail.add(event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "GetItem", "203.0.113.45"));
    filterLogEventsReturns(trail);

    Observation o = probe();

    assertThat(o.failing()).isTrue();
    assertThat(o.signal()).isEqualTo("suspicious-access");
    assertThat(o.value()).isEqualTo(5.0);
    assertThat(o.detail())
        .isEqualTo(
            "3 Scans by "
                + ALICE
                + "; 5 Scans by "
                + MALLORY
                + " in the last PT5M, the first at 2026-01-15T10:28:00Z");
    assertThat(o.subjects())
        .containsOnly(
            entry("principalType", "USER"),
            entry("principalName", "mallory"),
            entry("principalArn", MALLORY),
            entry("accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
            entry("sourceIp", "203.0.113.45"));
  }

  @Test
  void shouldNameTheRoleOfTheFirstUnknownAssumedRoleReader() {
    config =
        breach(
            "dr.detector.probes.breach.known-principals",
            "arn:aws:sts::000000000000:assumed-role/AppServer/");
    filterLogEventsReturns(
        List.of(
            event(
                assumedRole("AppServer", "i-0abc", "ASIAEXAMPLEAPPSERVER"), "GetItem", "10.0.1.20"),
            event(
                assumedRole("ZedRole", "zed-session", "ASIAEXAMPLEZEDROLE01"),
                "Query",
                "198.51.100.9"),
            event(
                assumedRole("DataExporter", "eve-session", "ASIAEXAMPLEEXPORTER1"),
                "GetItem",
                "192.0.2.10")));

    Observation o = probe();

    assertThat(o.detail())
        .isEqualTo(
            "reads by unknown principal "
                + EXPORTER
                + "; reads by unknown principal "
                + ZED
                + " in the last PT5M, the first at 2026-01-15T10:28:00Z");
    assertThat(o.subjects())
        .containsOnly(
            entry("principalType", "ROLE"),
            entry("principalName", "DataExporter"),
            entry("principalArn", EXPORTER),
            entry("accessKeyId", "ASIAEXAMPLEEXPORTER1"),
            entry("sourceIp", "192.0.2.10"));
  }

  @Test
  void shouldNameOtherIdentityTypesByTheirArnAndRawTypeOnly() {
    Map<String, Object> root =
        Map.of(
            "type",
            "Root",
            "principalId",
            "000000000000",
            "accountId",
            "000000000000",
            "arn",
            "arn:aws:iam::000000000000:root",
            "accessKeyId",
            "AKIAEXAMPLEROOTKEY01");
    filterLogEventsReturns(times(3, event(root, "Scan", "203.0.113.99")));

    Observation o = probe();

    assertThat(o.subjects())
        .containsOnly(
            entry("principalType", "Root"),
            entry("principalArn", "arn:aws:iam::000000000000:root"),
            entry("accessKeyId", "AKIAEXAMPLEROOTKEY01"),
            entry("sourceIp", "203.0.113.99"));
  }

  @Test
  void shouldNameNoOneWhileNothingIsSuspicious() {
    filterLogEventsReturns(
        times(2, event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "Scan", "203.0.113.45")));

    Observation o = probe();

    assertThat(o.failing()).isFalse();
    assertThat(o.subjects()).isEmpty();
  }

  String page(List<Map<String, Object>> trail, int offset, String nextToken) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < trail.size(); i++) {
      events.add(
          Map.of(
              "logStreamName",
              "000000000000_CloudTrail_us-east-1",
              "timestamp",
              now.toEpochMilli() - 60_000 + offset + i,
              "ingestionTime",
              now.toEpochMilli(),
              "message",
              json.writeValueAsString(trail.get(i)),
              "eventId",
              "ev-" + (offset + i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events", events);
    body.put("searchedLogStreams", List.of());
    if (nextToken != null) {
      body.put("nextToken", nextToken);
    }
    return json.writeValueAsString(body);
  }

  @Test
  void shouldFindAScanBurstOnALaterPageBehindManyOrdinaryReads() {
    List<Map<String, Object>> ordinary =
        times(200, event(iamUser("alice", "AKIAEXAMPLEALICE0001"), "GetItem", "198.51.100.7"));
    List<Map<String, Object>> burst =
        times(3, event(iamUser("mallory", "AKIAIOSFODNN7EXAMPLE"), "Scan", "203.0.113.45"));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notContaining("nextToken"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(page(ordinary, 0, "page-2"))));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                    "$.nextToken", equalTo("page-2")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(page(ordinary, 200, "page-3"))));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                    "$.nextToken", equalTo("page-3")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(page(burst, 400, null))));

    Observation o = probe();

    assertThat(o.failing()).as("the burst is on page 3 of 3").isTrue();
    assertThat(o.detail()).startsWith("3 Scans by " + MALLORY);
    server.verify(
        3, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void shouldReportTheProbeBlindOnceFilterLogEventsHasFailedForTheConfiguredTime() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform logs:FilterLogEvents\"}")));
    io.drautopilot.detector.domain.MutableClock clock =
        new io.drautopilot.detector.domain.MutableClock(now);
    io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    io.drautopilot.detector.adapter.probe.ProbeHealth health =
        new io.drautopilot.detector.adapter.probe.ProbeHealth(
            clock, java.time.Duration.ofMinutes(5), metrics);
    AwsProperties props = new AwsProperties();
    props.setStaticCredentials(true);
    props.getEndpoints().put("default", "http://127.0.0.1:" + server.getPort());
    DetectorProperties.Target target = new DetectorProperties.Target("us-east-1", List.of(TABLE));
    CloudTrailBreachProbe probe =
        new CloudTrailBreachProbe(List.of(target), config, new AwsClientFactory(props), health);

    List<Observation> first = probe.probe(now);
    String statusAtFirst = health.health().getStatus().getCode();
    clock.advance(java.time.Duration.ofMinutes(5));
    probe.probe(clock.instant());

    assertThat(first).as("a probe that cannot see raises nothing").isEmpty();
    assertThat(statusAtFirst).isEqualTo("UP");
    assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(health.health().getDetails()).containsKey("cloudtrail-access/us-east-1");
    assertThat(health.health().getDetails().get("cloudtrail-access/us-east-1").toString())
        .contains("AccessDeniedException");
    assertThat(
            metrics
                .get("dr.detector.probe.blind")
                .tag("probe", "cloudtrail-access")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(
            metrics.get("dr.detector.probe.failures").tag("region", "us-east-1").counter().count())
        .isEqualTo(2.0);
  }
}
