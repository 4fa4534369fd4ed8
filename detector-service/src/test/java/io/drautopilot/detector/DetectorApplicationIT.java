package io.drautopilot.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.testsupport.ServiceEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
class DetectorApplicationIT {

  @LocalServerPort int port;

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    ServiceEndpoints.assertHealthyWithKafkaAndPrometheus(port, "detector-service");
  }

  @Test
  void shouldHaveNoDrillFaultEndpoint() throws Exception {
    // The drill's fault API (it deletes and corrupts tables) lives in the sandbox, not in the
    // detector.
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/faults"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"kind\":\"table-deleted\",\"region\":\"us-east-1\",\"table\":\"t\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRefuseAlertsWhenNoWebhookSecretIsConfigured() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/alerts/generic"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer anything")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"signal\":\"table-missing\",\"status\":\"firing\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("webhook authentication is not configured");
  }
}
