package io.drautopilot.notifier.domain;

import java.util.Map;
import java.util.Set;

/**
 * What a NotifyContactsCommand asks for, without its transport.
 *
 * @param recipientRole also the people holding this role (a gate's approvers), or null for the level's only
 * @param confidentialValues the incident's breach subjects (principal names and ARNs, access key ids,
 *     source IPs): masked on every channel not configured as confidential
 * @param escalation why an escalation page is sent, as the orchestrator recorded it; null for other
 *     notices, and for a page sent before the cause was carried (its reason fact says it in words)
 */
public record NotificationRequest(
    String incidentId,
    String severity,
    String scenario,
    String templateId,
    int escalationLevel,
    Map<String, String> facts,
    String recipientRole,
    Set<String> confidentialValues,
    EscalationReason escalation) {

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
      String recipientRole,
      Set<String> confidentialValues) {
    this(
        incidentId,
        severity,
        scenario,
        templateId,
        escalationLevel,
        facts,
        recipientRole,
        confidentialValues,
        null);
  }

  /** The same request, paged for this reason. */
  public NotificationRequest withEscalation(EscalationReason reason) {
    return new NotificationRequest(
        incidentId,
        severity,
        scenario,
        templateId,
        escalationLevel,
        facts,
        recipientRole,
        confidentialValues,
        reason);
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
