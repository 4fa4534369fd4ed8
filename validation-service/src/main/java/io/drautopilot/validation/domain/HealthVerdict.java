package io.drautopilot.validation.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides whether an answered health check is healthy: the overall status and every component. */
public class HealthVerdict {

  private final Set<String> healthyStatuses;

  /** @param healthyStatuses values meaning healthy, compared ignoring case (e.g. healthy, ok, up, true) */
  public HealthVerdict(Set<String> healthyStatuses) {
    this.healthyStatuses =
        healthyStatuses.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  public HealthReport judge(String status, Map<String, String> components, long latencyMillis) {
    boolean healthy = isHealthy(status) && components.values().stream().allMatch(this::isHealthy);
    return new HealthReport(healthy, status, components, latencyMillis);
  }

  public HealthReport unanswered(String reason, long latencyMillis) {
    return new HealthReport(false, reason, Map.of(), latencyMillis);
  }

  private boolean isHealthy(String value) {
    return value != null && healthyStatuses.contains(value.toLowerCase(Locale.ROOT));
  }
}
