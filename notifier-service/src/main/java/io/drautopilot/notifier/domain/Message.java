package io.drautopilot.notifier.domain;

import java.util.Map;

/** A rendered notification, the same for every channel; channels only change its envelope. */
public record Message(String incidentId, String severity, String scenario, int escalationLevel, String levelTarget,
                      String templateId, String subject, String body, Map<String, String> facts) {}
