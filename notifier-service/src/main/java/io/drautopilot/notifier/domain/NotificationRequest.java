package io.drautopilot.notifier.domain;

import java.util.Map;

/** What a NotifyContactsCommand asks for, without its transport. */
public record NotificationRequest(String incidentId, String severity, String scenario, String templateId,
                                  int escalationLevel, Map<String, String> facts) {}
