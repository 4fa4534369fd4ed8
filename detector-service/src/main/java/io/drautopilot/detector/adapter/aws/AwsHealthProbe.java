package io.drautopilot.detector.adapter.aws;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.detector.adapter.probe.ProbeHealth;
import io.drautopilot.detector.adapter.probe.TargetProbe;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.Observation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runbook's Scenario 1 evidence ("check AWS Health for the region"): the open DynamoDB issues AWS Health reports
 * for each target region (DescribeEvents). An open issue is a region-wide observation that goes with the region's
 * failure as evidence ({@link DetectionPolicy#regionalEvidenceSignals}); it raises nothing by itself. AWS Health not
 * answering (no Business support plan, throttling, unreachable) makes the probe blind for the region, never the
 * region failed.
 *
 * <p>DescribeEvents is called as a signed JSON request: the AWS Health SDK module is not among the project's
 * dependencies. AWS Health is global, served from one endpoint in us-east-1.
 */
public class AwsHealthProbe extends TargetProbe.PerRegion {

  private static final Logger log = LoggerFactory.getLogger(AwsHealthProbe.class);
  static final String CHECK = "aws-health";
  private static final String TARGET = "AWSHealth_20160804.DescribeEvents";

  private final DetectorProperties.AwsHealth config;
  private final ProbeHealth blindSpots;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  public AwsHealthProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.AwsHealth config,
      AwsClientFactory aws,
      ProbeHealth blindSpots) {
    super(CHECK, targets);
    this.config = config;
    this.blindSpots = blindSpots;
    this.credentials = aws.credentialsProvider();
    this.endpoint = SignedHttp.endpoint(aws, "health", config.endpointRegion());
  }

  @Override
  protected List<Observation> probeRegion(DetectorProperties.Target target, Instant now) {
    String region = target.region();
    List<JsonNode> events;
    try {
      events = openIssues(region);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "AWS Health DescribeEvents for {} in {} failed: {}",
          config.service(),
          region,
          e.toString());
      blindSpots.blind(name(), region, "DescribeEvents: " + e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    blindSpots.seeing(name(), region);
    String check = CHECK + ":" + config.service();
    if (events.isEmpty()) {
      return List.of(Observation.passing(check, region, null, now));
    }
    List<String> described =
        events.stream()
            .map(
                e ->
                    e.path("eventTypeCode").asString("?")
                        + " since "
                        + Instant.ofEpochMilli((long) (e.path("startTime").asDouble(0) * 1000))
                        + " ("
                        + e.path("arn").asString("?")
                        + ")")
            .toList();
    // AWS has already confirmed it: no damping rounds before it can go with the region's failure.
    return List.of(
        Observation.failing(
                check,
                region,
                null,
                DetectionPolicy.AWS_HEALTH_ISSUE,
                "AWS Health reports "
                    + events.size()
                    + " open "
                    + config.service()
                    + " issue(s) in "
                    + region
                    + ": "
                    + String.join("; ", described),
                (double) events.size(),
                now)
            .asPreConfirmed());
  }

  /** The region's open issues for the service, every page ({@code nextToken}). */
  private List<JsonNode> openIssues(String region) throws IOException, InterruptedException {
    List<JsonNode> events = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    String token = null;
    do {
      ObjectNode body = json.createObjectNode();
      ObjectNode filter = body.putObject("filter");
      filter.putArray("services").add(config.service());
      filter.putArray("regions").add(region);
      filter.putArray("eventStatusCodes").add("open");
      filter.putArray("eventTypeCategories").add("issue");
      body.put("maxResults", 100);
      if (token != null) {
        body.put("nextToken", token);
      }
      HttpResponse<String> response =
          http.send(signed(json.writeValueAsString(body)), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        JsonNode error = readOrEmpty(response.body());
        throw new IOException(
            "DescribeEvents answered HTTP "
                + response.statusCode()
                + " "
                + error.path("__type").asString("")
                + " "
                + error.path("message").asString("")
                + " (request "
                + response.headers().firstValue("x-amzn-RequestId").orElse("?")
                + ")");
      }
      JsonNode page = json.readTree(response.body());
      page.path("events").forEach(events::add);
      token = page.path("nextToken").asString(null);
      // A token seen before would page for ever.
    } while (token != null && !token.isBlank() && tokens.add(token));
    return events;
  }

  private JsonNode readOrEmpty(String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException notJson) {
      return json.createObjectNode();
    }
  }

  private HttpRequest signed(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", TARGET)
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "health")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, config.endpointRegion()));
    HttpRequest.Builder send =
        HttpRequest.newBuilder(endpoint)
            .timeout(config.timeout())
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    return SignedHttp.withSignature(send, signed);
  }
}
