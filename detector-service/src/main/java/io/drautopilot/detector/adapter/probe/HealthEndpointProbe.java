package io.drautopilot.detector.adapter.probe;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The runbook's service health check: {@code { healthCheck { status database { entities events cache } } }} on the
 * service's GraphQL endpoint. No answer or an error status is {@code health-endpoint-down}; an answer with a
 * component not healthy is {@code health-degraded}.
 */
public class HealthEndpointProbe implements Probe {

  static final String CHECK = "service-health";
  private static final Set<String> HEALTHY = Set.of("healthy", "ok", "up", "pass", "true");

  private final DetectorProperties.Health config;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  public HealthEndpointProbe(DetectorProperties.Health config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  @Override
  public String name() {
    return CHECK;
  }

  @Override
  public List<Observation> probe(Instant now) {
    String region = config.region();
    String resource = URI.create(config.url()).getHost();
    String body =
        json.writeValueAsString(JsonNodeFactory.instance.objectNode().put("query", config.query()));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(config.url()))
                  .timeout(config.timeout())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (Exception e) {
      return List.of(
          Observation.failing(
              CHECK,
              region,
              resource,
              "health-endpoint-down",
              "health check got no answer: " + e.getClass().getSimpleName(),
              null,
              now));
    }
    if (response.statusCode() >= 500 || response.statusCode() == 429) {
      return List.of(
          Observation.failing(
              CHECK,
              region,
              resource,
              "health-endpoint-down",
              "health check answered HTTP " + response.statusCode(),
              (double) response.statusCode(),
              now));
    }
    JsonNode health;
    try {
      health = json.readTree(response.body()).path("data").path("healthCheck");
    } catch (RuntimeException e) {
      return List.of(
          Observation.failing(
              CHECK,
              region,
              resource,
              "health-endpoint-down",
              "health check answer is not GraphQL JSON (HTTP " + response.statusCode() + ")",
              null,
              now));
    }
    if (health.isMissingNode() || health.isNull()) {
      return List.of(
          Observation.failing(
              CHECK,
              region,
              resource,
              "health-endpoint-down",
              "health check answer has no data.healthCheck (HTTP " + response.statusCode() + ")",
              null,
              now));
    }
    List<String> unhealthy = new ArrayList<>();
    if (!healthy(health.path("status"))) {
      unhealthy.add("status=" + health.path("status").asString(""));
    }
    for (var component : health.path("database").properties()) {
      if (!healthy(component.getValue())) {
        unhealthy.add("database." + component.getKey() + "=" + component.getValue().asString(""));
      }
    }
    return List.of(
        unhealthy.isEmpty()
            ? Observation.passing(CHECK, region, resource, now)
            : Observation.failing(
                CHECK,
                region,
                resource,
                "health-degraded",
                "health check reports " + String.join(", ", unhealthy),
                null,
                now));
  }

  private static boolean healthy(JsonNode node) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return HEALTHY.contains(node.asString("").toLowerCase(Locale.ROOT));
  }
}
