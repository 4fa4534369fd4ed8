package io.drautopilot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // Local state of an earlier run belongs to a broker that no longer exists.
        "dr.orchestrator.streams.state-dir=${java.io.tmpdir}/orchestrator-app-it-${random.uuid}"})
// Closed after the class, while the JVM-wide embedded broker still runs, so Kafka Streams shuts down cleanly.
@DirtiesContext
class OrchestratorApplicationIT {

  @LocalServerPort int port;

  @Test
  void shouldReportHealthWithKafkaAndExposePrometheusMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"kafka\"").contains("clusterId");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("application=\"orchestrator-service\"");
  }
}
