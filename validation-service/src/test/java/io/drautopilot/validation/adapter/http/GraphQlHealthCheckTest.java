package io.drautopilot.validation.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drautopilot.validation.domain.HealthReport;
import io.drautopilot.validation.domain.HealthVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GraphQlHealthCheckTest {

  HttpServer server;
  final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();
  final GraphQlHealthCheck check =
      new GraphQlHealthCheck(
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(),
          JsonMapper.shared(),
          new HealthVerdict(Set.of("healthy", "ok")),
          "{ healthCheck { status database { entities events cache } } }",
          Clock.systemUTC());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    answer(
        "/healthy",
        200,
        """
        {"data":{"healthCheck":{"status":"healthy","database":{"entities":"healthy","events":"healthy","cache":"healthy"}}}}""",
        0);
    answer(
        "/degraded",
        200,
        """
        {"data":{"healthCheck":{"status":"degraded","database":{"entities":"healthy","events":"healthy","cache":"unhealthy"}}}}""",
        0);
    answer(
        "/slow",
        200,
        "{\"data\":{\"healthCheck\":{\"status\":\"healthy\",\"database\":{}}}}",
        3000);
    answer("/malformed", 200, "<html>gateway error</html>", 0);
    answer(
        "/no-status",
        200,
        "{\"data\":{\"healthCheck\":null},\"errors\":[{\"message\":\"boom\"}]}",
        0);
    answer("/error", 503, "{}", 0);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(String path, int status, String body, long delayMillis) {
    server.createContext(
        path,
        exchange -> {
          requests.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          } catch (IOException e) {
            // the client gave up (timeout test)
          }
        });
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void shouldReportHealthyWithEveryComponentWhenTheServiceSaysSo() throws Exception {
    HealthReport report = check.check(url("/healthy"), Duration.ofSeconds(2));

    assertThat(report.healthy()).isTrue();
    assertThat(report.status()).isEqualTo("healthy");
    assertThat(report.components())
        .containsEntry("entities", "healthy")
        .containsEntry("events", "healthy")
        .containsEntry("cache", "healthy");
    assertThat(requests)
        .singleElement()
        .asString()
        .contains("healthCheck { status database { entities events cache } }");
  }

  @Test
  void shouldReportUnhealthyWhenOneComponentIsDegraded() throws Exception {
    HealthReport report = check.check(url("/degraded"), Duration.ofSeconds(2));

    assertThat(report.healthy()).isFalse();
    assertThat(report.status()).isEqualTo("degraded");
    assertThat(report.components()).containsEntry("cache", "unhealthy");
  }

  @Test
  void shouldReportATimeoutWhenTheServiceAnswersTooLate() throws Exception {
    HealthReport report = check.check(url("/slow"), Duration.ofMillis(300));

    assertThat(report.healthy()).isFalse();
    assertThat(report.status()).isEqualTo("TIMEOUT");
    assertThat(report.latencyMillis()).isLessThan(3000);
  }

  @Test
  void shouldReportAMalformedAnswer() throws Exception {
    assertThat(check.check(url("/malformed"), Duration.ofSeconds(2)).status())
        .isEqualTo("MALFORMED_RESPONSE");
    assertThat(check.check(url("/no-status"), Duration.ofSeconds(2)).status())
        .isEqualTo("MALFORMED_RESPONSE");
  }

  @Test
  void shouldReportHttpErrorsAndUnreachableServices() throws Exception {
    HealthReport error = check.check(url("/error"), Duration.ofSeconds(2));
    server.stop(0);
    HealthReport down = check.check(url("/healthy"), Duration.ofSeconds(2));

    assertThat(error.status()).isEqualTo("HTTP_503");
    assertThat(error.healthy()).isFalse();
    assertThat(down.status()).isEqualTo("UNREACHABLE");
  }
}
