package io.drautopilot.notifier.domain;

import java.util.List;
import java.util.Set;

/**
 * A routing rule: for matching severities, scenarios and escalation levels (empty = any), use these
 * channels and also tell these extra roles. Every matching route contributes; none matching means
 * the policy's default channels.
 */
public record Route(
    String name,
    Set<String> severities,
    Set<String> scenarios,
    Set<Integer> levels,
    List<String> channels,
    List<String> extraRoles) {

  public boolean matches(NotificationRequest request) {
    return (severities.isEmpty() || severities.contains(request.severity()))
        && (scenarios.isEmpty() || scenarios.contains(request.scenario()))
        && (levels.isEmpty() || levels.contains(request.escalationLevel()));
  }
}
