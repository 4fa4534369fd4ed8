package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident's breach subjects (what its evidence names: principal name and ARN, access key id,
 * source IP) as a caller may see them: as they are for a security officer, otherwise every
 * occurrence of their values replaced by {@link #REDACTED}, wherever the API would show them
 * (step parameters and outputs, failures, timeline details, comments).
 */
final class BreachSubjects {

  static final String REDACTED = "[redacted: security-officer only]";

  private final Map<String, String> subjects;

  /** Longest first, so an ARN is masked whole before the user name inside it; short values (under 3) would mask too much. */
  private final List<String> values;

  private final boolean redacted;

  private BreachSubjects(Map<String, String> subjects, boolean redacted) {
    this.subjects = subjects;
    this.values =
        subjects.values().stream()
            .filter(v -> v != null && v.strip().length() >= 3)
            .map(String::strip)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    this.redacted = redacted;
  }

  static BreachSubjects of(IncidentState s, Caller caller) {
    return new BreachSubjects(
        s.subjects == null ? Map.of() : s.subjects, !caller.has(ApiRoles.SECURITY_OFFICER));
  }

  /** Whether this answer shows subjects unredacted (a reading that must be recorded). */
  boolean shownUnredacted() {
    return !redacted && !subjects.isEmpty();
  }

  List<String> names() {
    return List.copyOf(subjects.keySet());
  }

  /** The subjects by name, their values redacted unless the caller may see them. */
  Map<String, String> view() {
    Map<String, String> out = new LinkedHashMap<>();
    subjects.forEach((k, v) -> out.put(k, redacted ? REDACTED : v));
    return out;
  }

  String mask(String text) {
    if (!redacted || text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, REDACTED);
    }
    return out;
  }

  Map<String, String> mask(Map<String, String> map) {
    if (!redacted || map == null || values.isEmpty()) {
      return map;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, mask(v)));
    return out;
  }

  List<String> mask(List<String> list) {
    return !redacted || list == null || values.isEmpty()
        ? list
        : list.stream().map(this::mask).toList();
  }
}
