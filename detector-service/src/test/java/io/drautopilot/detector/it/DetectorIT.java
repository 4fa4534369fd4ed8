package io.drautopilot.detector.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.SandboxStubs;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One detector context for every integration test: dynalite as us-east-1, WireMock as every AWS control-plane
 * endpoint (loaded with the sandbox's healthy stubs), sandbox mode on, a fast probe interval. Each test owns its
 * tables, so tests stay independent while sharing the context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.detector.probe-interval=1s",
      "dr.detector.initial-delay=100ms",
      "dr.detector.sandbox.enabled=true",
      "dr.detector.targets[0].region=us-east-1",
      "dr.detector.targets[0].tables=it-deleted,it-corrupted,it-throttled,it-faultdel,it-healthy",
      "dr.detector.targets[1].region=us-west-2",
      "dr.detector.targets[1].tables=it-west-entities,it-west-events",
      "dr.detector.probes.cloudwatch.enabled=true",
      "dr.detector.probes.breach.enabled=true",
      "dr.detector.probes.backup.enabled=true",
      "dr.detector.webhooks.token=it-token",
      "dr.detector.webhooks.hmac-secret=it-hmac-secret",
      "dr.detector.webhooks.sns.cert-host-pattern=^(localhost|127\\.0\\.0\\.1)$",
      "dr.detector.webhooks.sns.allow-http-cert-url=true",
    })
abstract class DetectorIT {

  static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(30);
  static final Dynalite PRIMARY = Dynalite.shared("primary");
  static final WireMockServer AWS = SandboxStubs.shared();

  /** us-west-2 has its own dynalite, which a test really stops (a regional outage). */
  static final Dynalite WEST = Dynalite.start(null);

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  java.net.http.HttpResponse<String> post(String path, String body, String... headers) {
    try {
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://localhost:" + port + path))
              .header("Content-Type", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return java.net.http.HttpClient.newHttpClient()
          .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static DynamoDbClient dynamo() {
    return PRIMARY.client();
  }

  @DynamicPropertySource
  static void endpoints(DynamicPropertyRegistry registry) {
    for (String table :
        new String[] {"it-deleted", "it-corrupted", "it-throttled", "it-faultdel", "it-healthy"}) {
      SandboxTables.create(dynamo(), table, 30);
    }
    for (String table : new String[] {"it-west-entities", "it-west-events"}) {
      SandboxTables.create(WEST.client(), table, 5);
    }
    registry.add("dr.aws.endpoints.dynamodb.us-east-1", () -> PRIMARY.endpoint().toString());
    registry.add("dr.aws.endpoints.dynamodb.us-west-2", () -> WEST.endpoint().toString());
    registry.add("dr.aws.endpoints.default", AWS::baseUrl);
  }
}
