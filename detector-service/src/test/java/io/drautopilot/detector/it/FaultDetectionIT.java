package io.drautopilot.detector.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox drill's faults, made here directly (DynamoDB calls to dynalite, failure stubs on the AWS endpoint),
 * detected by the real probes; also records the detection latency of each. The sandbox's fault API makes the same
 * faults (its own tests prove that); this proves the detector sees them.
 */
class FaultDetectionIT extends DetectorIT {

  private static final Logger log = LoggerFactory.getLogger(FaultDetectionIT.class);

  /**
   * GetMetricData's answer in Smithy RPC v2 CBOR (as the CloudWatch client reads it):
   * {@code {"MetricDataResults": [{"Id": "throttled", "Label": "ThrottledRequests", "Timestamps": [],
   * "Values": [500.0], "StatusCode": "Complete"}]}}.
   */
  static final byte[] THROTTLED_500 =
      Base64.getDecoder()
          .decode(
              "oXFNZXRyaWNEYXRhUmVzdWx0c4GlYklkaXRocm90dGxlZGVMYWJl"
                  + "bHFUaHJvdHRsZWRSZXF1ZXN0c2pUaW1lc3RhbXBzgGZWYWx1ZXOB+0B/QAAAAAAAalN0YXR1c0NvZGVoQ29tcGxldGU=");

  final JsonMapper json = JsonMapper.builder().build();
  final List<StubMapping> stubs = new ArrayList<>();

  @AfterEach
  void removeStubs() {
    stubs.forEach(AWS::removeStub);
    stubs.clear();
  }

  IncidentDetected faultAndAwait(String kind, Runnable fault, String fingerprint) {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      Instant injectedAt = Instant.now();
      fault.run();
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(fingerprint, v -> v instanceof IncidentDetected, DETECTION_TIMEOUT)
                  .value();
      long latency = Duration.between(injectedAt, incident.getDetectedAt()).toMillis();
      // Recorded for docs/benchmarks/detector-service.md (probe interval 1 s, 2 consecutive
      // failures).
      log.info("DETECTION-LATENCY kind={} fingerprint={} ms={}", kind, fingerprint, latency);
      return incident;
    }
  }

  @Test
  void shouldDetectADeletedTableAsTableCorruption() {
    IncidentDetected incident =
        faultAndAwait(
            "table-deleted",
            () -> dynamo().deleteTable(b -> b.tableName("it-faultdel")),
            "TABLE_CORRUPTION|us-east-1|it-faultdel");

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    assertThat(incident.getSymptoms()).extracting(e -> e.getSignal()).contains("table-missing");
  }

  @Test
  void shouldDetectThrottlingThroughTheCloudWatchProbe() {
    IncidentDetected incident =
        faultAndAwait(
            "throttling",
            () ->
                stubs.add(
                    AWS.stubFor(
                        WireMock.post(
                                urlPathEqualTo(
                                    "/service/GraniteServiceVersion20100801/operation/GetMetricData"))
                            .withRequestBody(containing("TableName=\"it-throttled\""))
                            .atPriority(1)
                            .willReturn(
                                aResponse()
                                    .withStatus(200)
                                    .withBody(THROTTLED_500)
                                    .withHeader("Content-Type", "application/cbor")
                                    .withHeader("smithy-protocol", "rpc-v2-cbor")))),
            "PERFORMANCE_DEGRADATION|us-east-1|it-throttled");

    assertThat(incident.getScenario()).isEqualTo(Scenario.PERFORMANCE_DEGRADATION);
    assertThat(incident.getSeverity()).isEqualTo(Severity.P2);
    assertThat(incident.getSymptoms())
        .anySatisfy(
            e -> {
              assertThat(e.getSignal()).isEqualTo("throttling");
              assertThat(e.getValue()).isEqualTo(500.0);
            });
  }

  @Test
  void shouldDetectABreachSignalThroughTheCloudTrailProbe() {
    String events =
        json.writeValueAsString(
            Map.of("events", scanBurst("it-healthy", 200), "searchedLogStreams", List.of()));
    IncidentDetected incident =
        faultAndAwait(
            "breach-signal",
            () ->
                stubs.add(
                    AWS.stubFor(
                        WireMock.post(urlPathEqualTo("/"))
                            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
                            .atPriority(1)
                            .willReturn(
                                aResponse()
                                    .withStatus(200)
                                    .withBody(events)
                                    .withHeader("Content-Type", "application/x-amz-json-1.1")))),
            "SECURITY_BREACH|us-east-1|it-healthy");

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    // As the orchestrator decodes it from the topic: the principal for the runbook's containment
    // steps.
    assertThat(incident.getSymptoms())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getSignal()).isEqualTo("suspicious-access");
              assertThat(e.getDetail())
                  .contains("200 Scans by arn:aws:iam::000000000000:user/mallory");
              assertThat(e.getSubjects())
                  .containsOnly(
                      entry("principalType", "USER"),
                      entry("principalName", "mallory"),
                      entry("principalArn", "arn:aws:iam::000000000000:user/mallory"),
                      entry("accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
                      entry("sourceIp", "203.0.113.45"));
            });
  }

  @Test
  void shouldRaiseOneRegionalIncidentWhenTheRegionIsUnreachable() {
    IncidentDetected incident =
        faultAndAwait("region-unreachable", WEST::close, "REGIONAL_FAILURE|us-west-2");

    assertThat(incident.getScenario()).isEqualTo(Scenario.REGIONAL_FAILURE);
    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    assertThat(incident.getAffectedResources())
        .containsExactly("it-west-entities", "it-west-events");
  }

  /** CloudTrail data events as an IAM user's access key leaves them: {@code count} Scans of the table. */
  private List<Map<String, Object>> scanBurst(String table, int count) {
    long now = System.currentTimeMillis();
    Map<String, Object> intruder =
        Map.of(
            "type",
            "IAMUser",
            "principalId",
            "AIDAEXAMPLEMALLORY",
            "arn",
            "arn:aws:iam::000000000000:user/mallory",
            "accountId",
            "000000000000",
            "accessKeyId",
            "AKIAIOSFODNN7EXAMPLE",
            "userName",
            "mallory");
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> trail = new LinkedHashMap<>();
      trail.put("eventVersion", "1.09");
      trail.put("userIdentity", intruder);
      trail.put("eventTime", Instant.ofEpochMilli(now - i).toString());
      trail.put("eventSource", "dynamodb.amazonaws.com");
      trail.put("eventName", "Scan");
      trail.put("awsRegion", "us-east-1");
      trail.put("sourceIPAddress", "203.0.113.45");
      trail.put("userAgent", "aws-cli/2.15.0");
      trail.put("requestParameters", Map.of("tableName", table));
      trail.put(
          "eventID",
          UUID.nameUUIDFromBytes(("it-" + now + "-" + i).getBytes(StandardCharsets.UTF_8))
              .toString());
      trail.put("readOnly", true);
      trail.put("eventType", "AwsApiCall");
      trail.put("managementEvent", false);
      trail.put("recipientAccountId", "000000000000");
      trail.put("eventCategory", "Data");
      events.add(
          Map.of(
              "logStreamName",
              "it",
              "timestamp",
              now - i,
              "ingestionTime",
              now,
              "message",
              json.writeValueAsString(trail),
              "eventId",
              "it-" + i));
    }
    return events;
  }
}
