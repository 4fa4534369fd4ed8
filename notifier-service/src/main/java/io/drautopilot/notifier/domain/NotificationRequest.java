package io.drautopilot.notifier.domain;

import java.util.Map;
import java.util.Set;

/**
 * What a NotifyContactsCommand asks for, without its transport.
 *
 * @param recipientRole also the people holding this role (a gate's approvers), or null for the level's only
 * @param confidentialValues the incident's breach subjects (principal names and ARNs, access key ids,
 *     source IPs): masked on every channel not configured as confidential
 */
public record NotificationRequest(
    String incidentId,
    String severity,
    String scenario,
    String templateId,
    int escalationLevel,
    Map<String, String> facts,
    String recipientRole,
    Set<String> confidentialValues) {

  public NotificationRequest {
    confidentialValues = confidentialValues == null ? Set.of() : Set.copyOf(confidentialValues);
  }

  public NotificationRequest(
      String incidentId,
      String severity,
      String scenario,
      String templateId,
      int escalationLevel,
      Map<String, String> facts,
      String recipientRole) {
    this(
        incidentId,
        severity,
        scenario,
        templateId,
        escalationLevel,
        facts,
        recipientRole,
        Set.of());
  }

  public NotificationRequest(
      String incidentId,
      String severity,
      String scenario,
      String templateId,
      int escalationLevel,
      Map<String, String> facts) {
    this(incidentId, severity, scenario, templateId, escalationLevel, facts, null);
  }
}
