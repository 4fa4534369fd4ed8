package io.drautopilot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What every service promises an operator over HTTP, checked the same way in each service's tests. */
public final class ServiceEndpoints {

  private ServiceEndpoints() {}

  /**
   * {@code /actuator/health} is UP with a {@code kafka} component that reached the cluster, and
   * {@code /actuator/prometheus} serves metrics tagged with the application's name.
   */
  public static void assertHealthyWithKafkaAndPrometheus(int port, String application)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = get(http, port, "/actuator/health");
    HttpResponse<String> metrics = get(http, port, "/actuator/prometheus");

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"")
        .contains("\"kafka\"")
        .contains("clusterId");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("application=\"" + application + "\"");
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
