package io.drautopilot.notifier.domain;

import java.util.Map;

/**
 * What a NotifyContactsCommand asks for, without its transport.
 *
 * @param recipientRole also the people holding this role (a gate's approvers), or null for the level's only
 */
public record NotificationRequest(String incidentId, String severity, String scenario, String templateId,
                                  int escalationLevel, Map<String, String> facts, String recipientRole) {

  public NotificationRequest(String incidentId, String severity, String scenario, String templateId,
                             int escalationLevel, Map<String, String> facts) {
    this(incidentId, severity, scenario, templateId, escalationLevel, facts, null);
  }
}
