package io.drautopilot.detector.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.drautopilot.testsupport.Dynalite;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "dr.aws.static-credentials=true",
    "dr.detector.probe-interval=300ms",
    "dr.detector.initial-delay=100ms",
    "dr.detector.sandbox.enabled=true",
    "dr.detector.targets[0].region=us-east-1",
    "dr.detector.targets[0].tables=it-deleted,it-corrupted,it-throttled,it-faultdel,it-healthy",
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
  static final WireMockServer AWS = AwsStubs.start();

  @Value("${spring.embedded.kafka.brokers}") String brokers;

  static DynamoDbClient dynamo() {
    return PRIMARY.client();
  }

  @DynamicPropertySource
  static void endpoints(DynamicPropertyRegistry registry) {
    for (String table : new String[] {"it-deleted", "it-corrupted", "it-throttled", "it-faultdel", "it-healthy"}) {
      SandboxTables.create(dynamo(), table, 30);
    }
    registry.add("dr.aws.endpoints.dynamodb.us-east-1", () -> PRIMARY.endpoint().toString());
    registry.add("dr.aws.endpoints.default", AWS::baseUrl);
    registry.add("dr.detector.sandbox.recorder-admin-url", () -> AWS.baseUrl() + "/__admin");
  }
}
