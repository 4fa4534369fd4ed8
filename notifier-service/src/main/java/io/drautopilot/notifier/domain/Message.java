package io.drautopilot.notifier.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A rendered notification, the same for every channel; channels only change its envelope. */
public record Message(
    String incidentId,
    String severity,
    String scenario,
    int escalationLevel,
    String levelTarget,
    String templateId,
    String subject,
    String body,
    Map<String, String> facts) {

  /** What replaces a breach subject (principal, access key, source IP) on a channel that is not confidential. */
  public static final String REDACTED = "[redacted: confidential channels only]";

  /**
   * This message with every occurrence of the given values (an incident's breach subjects) replaced
   * by {@link #REDACTED}, in the subject, the body and the facts. Longest values first, so an ARN is
   * masked whole before the user name inside it.
   */
  public Message redacting(Collection<String> values) {
    var masked =
        values.stream()
            .filter(Objects::nonNull)
            .map(String::strip)
            .filter(v -> v.length() >= 3)
            .distinct()
            .sorted((a, b) -> b.length() - a.length())
            .toList();
    if (masked.isEmpty()) {
      return this;
    }
    Map<String, String> f = new LinkedHashMap<>();
    facts.forEach((k, v) -> f.put(k, mask(v, masked)));
    return new Message(
        incidentId,
        severity,
        scenario,
        escalationLevel,
        levelTarget,
        templateId,
        mask(subject, masked),
        mask(body, masked),
        Map.copyOf(f));
  }

  private static String mask(String text, Collection<String> values) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, REDACTED);
    }
    return out;
  }
}
