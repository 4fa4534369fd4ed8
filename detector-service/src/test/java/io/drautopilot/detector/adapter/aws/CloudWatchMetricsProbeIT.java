package io.drautopilot.detector.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.domain.Observation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * The CloudWatch probe's bottleneck evidence (Scenario 4) against WireMock: GetMetricData answered in Smithy RPC v2
 * CBOR as the CloudWatch client reads it, FilterLogEvents in CloudWatch Logs' JSON.
 */
class CloudWatchMetricsProbeIT {

  static final String TABLE = "cw-entities";
  static final String GRAPHQL_LOGS = "/aws/lambda/tyler-setup-graphql";
  static final String SLOW_QUERY = "[timestamp, request_id, \"SLOW QUERY\"]";
  static final String GET_METRIC_DATA =
      "/service/GraniteServiceVersion20100801/operation/GetMetricData";

  /** One WireMock per class, its stubs and journal reset before each test (WireMock's own extension). */
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(options().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  final Instant now = Instant.parse("2026-01-15T10:30:00Z");
  DetectorProperties.CloudWatch config = DetectorSettings.bind().probes().cloudwatch();

  /** GetMetricData's answer: one result per query id with these values. */
  static byte[] metricData(Map<String, Double> values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new CBORFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("MetricDataResults");
      g.writeStartArray();
      for (var v : values.entrySet()) {
        g.writeStartObject();
        g.writeStringField("Id", v.getKey());
        g.writeStringField("Label", v.getKey());
        g.writeFieldName("Timestamps");
        g.writeStartArray();
        g.writeEndArray();
        g.writeFieldName("Values");
        g.writeStartArray();
        g.writeNumber(v.getValue());
        g.writeEndArray();
        g.writeStringField("StatusCode", "Complete");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  void getMetricDataReturns(Map<String, Double> values) throws IOException {
    server.stubFor(
        post(urlPathEqualTo(GET_METRIC_DATA))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/cbor")
                    .withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(metricData(values))));
  }

  static String slowQueryLine(int i) {
    return "{\"logStreamName\":\"2026/01/15/[$LATEST]abc\",\"timestamp\":"
        + (1768472700000L + i)
        + ",\"ingestionTime\":1768472700500,\"eventId\":\"slow-"
        + i
        + "\",\"message\":\"2026-01-15T10:25:00.000Z\\t"
        + "c0ffee-"
        + i
        + "\\tSLOW QUERY getEmployees 2412 ms\"}";
  }

  List<Observation> probe() {
    AwsProperties props = new AwsProperties();
    props.setStaticCredentials(true);
    props.getEndpoints().put("default", "http://127.0.0.1:" + server.getPort());
    DetectorProperties.Target target = new DetectorProperties.Target("us-east-1", List.of(TABLE));
    return new CloudWatchMetricsProbe(List.of(target), config, new AwsClientFactory(props))
        .probe(now);
  }

  @Test
  void shouldGiveConsumedCapacityAndSlowQueriesAsEvidenceWhenATableIsThrottled()
      throws IOException {
    // given throttling, the table's consumed capacity and three SLOW QUERY lines over two pages
    config =
        DetectorSettings.bind("dr.detector.probes.cloudwatch.slow-queries.log-group", GRAPHQL_LOGS)
            .probes()
            .cloudwatch();
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("throttled", 500.0);
    values.put("consumedread", 18250.0);
    values.put("consumedwrite", 640.0);
    getMetricDataReturns(values);
    server.stubFor(
        post(urlPathEqualTo("/"))
            .atPriority(1)
            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("page-2")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"events\":["
                            + slowQueryLine(2)
                            + ","
                            + slowQueryLine(3)
                            + "],\"searchedLogStreams\":[]}")));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .atPriority(2)
            .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"events\":["
                            + slowQueryLine(1)
                            + "],\"nextToken\":\"page-2\",\"searchedLogStreams\":[]}")));

    // when the probe runs
    List<Observation> out = probe();

    // then the throttling failure carries the consumed capacity and the slow-query count as
    // evidence
    Observation throttled =
        out.stream()
            .filter(o -> o.check().equals("cloudwatch:ThrottledRequests"))
            .findFirst()
            .orElseThrow();
    assertThat(throttled.failing()).isTrue();
    assertThat(throttled.value()).isEqualTo(500.0);
    assertThat(throttled.detail())
        .contains(
            "consumed capacity (highest Sum per 300 s): ConsumedReadCapacityUnits 18250.0, ConsumedWriteCapacityUnits 640.0")
        .contains("3 \"SLOW QUERY\" log lines in " + GRAPHQL_LOGS + " in the last PT5M");
    // and it asked CloudWatch for the seed's statistics: the table's consumed capacity, Sum
    server.verify(
        postRequestedFor(urlPathEqualTo(GET_METRIC_DATA))
            .withRequestBody(containing("ConsumedReadCapacityUnits"))
            .withRequestBody(containing("ConsumedWriteCapacityUnits"))
            .withRequestBody(containing(TABLE)));
    server.verify(
        2,
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(matchingJsonPath("$.logGroupName", equalTo(GRAPHQL_LOGS)))
            .withRequestBody(matchingJsonPath("$.filterPattern", equalTo(SLOW_QUERY))));
  }

  @Test
  void shouldReadNoLogsWhenNothingFails() throws IOException {
    // given a healthy table with a slow-query log group configured
    config =
        DetectorSettings.bind("dr.detector.probes.cloudwatch.slow-queries.log-group", GRAPHQL_LOGS)
            .probes()
            .cloudwatch();
    getMetricDataReturns(Map.of("throttled", 0.0, "consumedread", 120.0));

    // when the probe runs
    List<Observation> out = probe();

    // then nothing fails and the log group is not read: the count is evidence for a failure only
    assertThat(out).noneMatch(Observation::failing);
    server.verify(0, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void shouldSayWhichCapacityHasNoDatapointsWhenOnlyOneIsReported() throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("throttled", 50.0);
    values.put("consumedread", 900.0);
    getMetricDataReturns(values);

    Observation throttled = probe().stream().filter(Observation::failing).findFirst().orElseThrow();

    assertThat(throttled.detail())
        .endsWith("ConsumedReadCapacityUnits 900.0, ConsumedWriteCapacityUnits no data");
  }
}
