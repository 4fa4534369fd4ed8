package io.drautopilot.notifier.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template with {@code {{name}}} placeholders filled from the command's facts and the
 * built-ins (incidentId, severity, severityLabel, scenario, escalationLevel, levelTarget,
 * levelWindow). Templates hold text only: references come in as facts, secrets never.
 */
public record MessageTemplate(String id, String subject, String body) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
  static final String MISSING = "(not given)";

  public static String fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null || v.isBlank() ? MISSING : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
