package io.drautopilot.validation.adapter.http;

import io.drautopilot.validation.domain.HealthReport;
import io.drautopilot.validation.domain.HealthVerdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's post-incident health check: POST {@code { healthCheck { status database { entities
 * events cache } } }} to the service's GraphQL endpoint, with a timeout covering connect and answer.
 * Anything but a well-formed answer is an unhealthy report naming what went wrong, not an error:
 * "the service does not answer" is exactly what the check is there to find out.
 */
public class GraphQlHealthCheck {

  private final HttpClient http;
  private final JsonMapper json;
  private final HealthVerdict verdict;
  private final String query;
  private final Clock clock;

  public GraphQlHealthCheck(
      HttpClient http, JsonMapper json, HealthVerdict verdict, String query, Clock clock) {
    this.http = http;
    this.json = json;
    this.verdict = verdict;
    this.query = query;
    this.clock = clock;
  }

  public HealthReport check(String url, Duration timeout) throws InterruptedException {
    long started = clock.millis();
    HttpResponse<String> response;
    try {
      String body = json.writeValueAsString(Map.of("query", query));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      response =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
              .join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause();
      boolean timedOut =
          cause instanceof HttpTimeoutException
              || cause instanceof java.util.concurrent.TimeoutException;
      return verdict.unanswered(timedOut ? "TIMEOUT" : "UNREACHABLE", clock.millis() - started);
    } catch (IllegalArgumentException e) {
      return verdict.unanswered("UNREACHABLE", clock.millis() - started);
    }
    long latency = clock.millis() - started;
    if (response.statusCode() / 100 != 2) {
      return verdict.unanswered("HTTP_" + response.statusCode(), latency);
    }
    JsonNode health;
    try {
      health = json.readTree(response.body()).path("data").path("healthCheck");
    } catch (RuntimeException e) {
      return verdict.unanswered("MALFORMED_RESPONSE", latency);
    }
    JsonNode status = health.path("status");
    if (!status.isValueNode() || status.isNull()) {
      return verdict.unanswered("MALFORMED_RESPONSE", latency);
    }
    Map<String, String> components = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : health.path("database").properties()) {
      JsonNode v = e.getValue();
      // a component may answer with a status string, a boolean or an object with a status
      String value =
          v.isObject()
              ? v.path("status").asString("unknown")
              : v.isNull() ? "unknown" : v.asString();
      components.put(e.getKey(), value);
    }
    return verdict.judge(status.asString(), components, latency);
  }
}
