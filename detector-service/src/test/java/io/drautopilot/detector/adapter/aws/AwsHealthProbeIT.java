package io.drautopilot.detector.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.detector.adapter.probe.ProbeHealth;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.MutableClock;
import io.drautopilot.detector.domain.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AWS Health DescribeEvents against WireMock with the service's JSON answers and errors. */
class AwsHealthProbeIT {

  /** One WireMock per class, its stubs and journal reset before each test (WireMock's own extension). */
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(options().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  final Instant now = Instant.parse("2026-01-15T10:30:00Z");
  final MutableClock clock = new MutableClock(now);
  final ProbeHealth health = new ProbeHealth(clock, Duration.ZERO, null);

  AwsHealthProbe probe(String region) {
    AwsProperties props = new AwsProperties();
    props.setStaticCredentials(true);
    props.getEndpoints().put("health", "http://127.0.0.1:" + server.getPort());
    DetectorProperties.Target target = new DetectorProperties.Target(region, List.of("entities"));
    DetectorProperties.AwsHealth config =
        DetectorSettings.bind("dr.detector.probes.aws-health.enabled", "true").probes().awsHealth();
    return new AwsHealthProbe(List.of(target), config, new AwsClientFactory(props), health);
  }

  static com.github.tomakehurst.wiremock.client.MappingBuilder describeEvents() {
    return post(urlPathEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSHealth_20160804.DescribeEvents"));
  }

  @Test
  void shouldReportAnOpenDynamoDbIssueOfTheRegionAsRegionalEvidence() {
    server.stubFor(
        describeEvents()
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withHeader("x-amzn-RequestId", "req-health-1")
                    .withBody(
                        """
            {"events":[{"arn":"arn:aws:health:us-west-2::event/DYNAMODB/AWS_DYNAMODB_OPERATIONAL_ISSUE/AWS_DYNAMODB_OPERATIONAL_ISSUE_ABC12_3456",
              "service":"DYNAMODB","eventTypeCode":"AWS_DYNAMODB_OPERATIONAL_ISSUE","eventTypeCategory":"issue",
              "region":"us-west-2","startTime":1.7684712E9,"lastUpdatedTime":1.7684730E9,"statusCode":"open",
              "eventScopeCode":"PUBLIC"}]}""")));

    List<Observation> o = probe("us-west-2").probe(now);

    assertThat(o)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.failing()).isTrue();
              assertThat(x.region()).isEqualTo("us-west-2");
              assertThat(x.resource()).isNull();
              assertThat(x.signal()).isEqualTo(DetectionPolicy.AWS_HEALTH_ISSUE);
              assertThat(x.preConfirmed()).isTrue();
              assertThat(x.detail())
                  .contains("AWS_DYNAMODB_OPERATIONAL_ISSUE")
                  .contains("2026-01-15T10:00:00Z")
                  .contains("AWS_DYNAMODB_OPERATIONAL_ISSUE_ABC12_3456");
            });
    server.verify(
        postRequestedFor(urlPathEqualTo("/"))
            .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=sandbox/\\d{8}/us-east-1/health/aws4_request.*"))
            .withRequestBody(
                equalToJson(
                    """
            {"filter":{"services":["DYNAMODB"],"regions":["us-west-2"],"eventStatusCodes":["open"],
             "eventTypeCategories":["issue"]},"maxResults":100}""")));
    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
  }

  @Test
  void shouldPassWhenAwsHealthHasNoOpenIssueForTheRegion() {
    server.stubFor(
        describeEvents()
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"events\":[]}")));

    List<Observation> o = probe("us-east-1").probe(now);

    assertThat(o)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.failing()).isFalse();
              assertThat(x.check()).isEqualTo("aws-health:DYNAMODB");
            });
  }

  @Test
  void shouldReadAnOpenIssueOnTheSecondPage() {
    server.stubFor(
        describeEvents()
            .withRequestBody(matchingJsonPath("$[?(!@.nextToken)]"))
            .willReturn(
                aResponse().withStatus(200).withBody("{\"events\":[],\"nextToken\":\"page-2\"}")));
    server.stubFor(
        describeEvents()
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("page-2")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        """
            {"events":[{"arn":"arn:aws:health:us-east-1::event/DYNAMODB/AWS_DYNAMODB_OPERATIONAL_ISSUE/X",
              "service":"DYNAMODB","eventTypeCode":"AWS_DYNAMODB_OPERATIONAL_ISSUE","eventTypeCategory":"issue",
              "region":"us-east-1","startTime":1.7684712E9,"statusCode":"open"}]}""")));

    List<Observation> o = probe("us-east-1").probe(now);

    assertThat(o).singleElement().satisfies(x -> assertThat(x.failing()).isTrue());
  }

  @Test
  void shouldBeBlindNotFailingWhenAwsHealthRefusesTheCall() {
    server.stubFor(
        describeEvents()
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withHeader("x-amzn-RequestId", "req-health-2")
                    .withBody(
                        "{\"__type\":\"SubscriptionRequiredException\",\"message\":\"The AWS account is not subscribed to a "
                            + "Business, Enterprise On-Ramp, or Enterprise Support plan.\"}")));

    List<Observation> o = probe("us-east-1").probe(now);

    assertThat(o).isEmpty();
    assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(health.health().getDetails().get("aws-health/us-east-1").toString())
        .contains("SubscriptionRequiredException")
        .contains("req-health-2");
  }
}
