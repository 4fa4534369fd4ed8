package io.drautopilot.notifier.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reader of the Actions table needs from a step's result: the table, counts, the restore
 * point, verdicts, what changed and how long the handler took. Result types name their fields
 * alike, so this reads field names (also nested ones, {@code comparison.matches}), not types; a
 * result with none of them shows its first few plain fields. Everything else stays in the step's
 * raw events.
 */
final class StepDetail {

  /** Counts in reading order: field, label. */
  private static final List<String[]> COUNTS =
      List.of(
          new String[] {"itemCount", "items"},
          new String[] {"scannedItems", "scanned"},
          new String[] {"validItems", "valid"},
          new String[] {"invalidItems", "invalid"},
          new String[] {"sourceItemCount", "in source"},
          new String[] {"targetItemCount", "in target"},
          new String[] {"missingInTargetCount", "missing in target"},
          new String[] {"extraInTargetCount", "extra in target"},
          new String[] {"changedCount", "changed"},
          new String[] {"differingSegments", "differing segments"},
          new String[] {"itemsWarmed", "warmed"},
          new String[] {"itemsFailed", "failed"},
          new String[] {"requests", "requests"});

  private static final Set<String> NOISE_SUFFIXES =
      Set.of("Id", "At", "Token", "Arn", "Digest", "Keys");
  private static final int FALLBACK_FIELDS = 4;

  private StepDetail() {}

  static String of(Map<String, String> f) {
    List<String> parts = new ArrayList<>();
    String source = get(f, "sourceTableName");
    String table = first(f, "tableName", "targetTableName", "scratchTableName");
    if (table != null) {
      parts.add(
          source != null && !source.equals(table)
              ? "table `" + source + "` → `" + table + "`"
              : "table `" + table + "`");
    }
    for (String[] count : COUNTS) {
      String v = get(f, count[0]);
      if (v != null) {
        parts.add(v + " " + count[1]);
      }
    }
    String warmUp = get(f, "warmUpRequests");
    if (warmUp != null && !"0".equals(warmUp)) {
      parts.add("after " + warmUp + " warm-up requests (not measured)");
    }
    String errorRate = get(f, "errorRate");
    if (errorRate != null) {
      parts.add("error rate " + errorRate);
    }
    String point = first(f, "restoredToTime", "restorePointTime");
    if (point != null) {
      String kind = get(f, "kind");
      parts.add("restore point " + time(point) + (kind == null ? "" : " (" + kind + ")"));
    }
    String location = first(f, "location", "snapshotLocation");
    if (location != null) {
      parts.add("at `" + location + "`");
    }
    verdict(f, "passed", "passed", "did not pass", parts);
    verdict(f, "matches", "tables match", "tables differ", parts);
    verdict(
        f,
        "keyListsComplete",
        "key lists complete (keyListsComplete=true)",
        "key lists sampled, not complete (keyListsComplete=false)",
        parts);
    verdict(f, "healthy", "healthy", "not healthy", parts);
    String deliveries = get(f, "deliveries");
    if (deliveries != null) {
      String failed = get(f, "failedDeliveries");
      String channels = get(f, "channels");
      parts.add(
          deliveries
              + " deliveries"
              + (failed == null ? "" : " (" + failed + " failed)")
              + (channels == null ? "" : " via " + unbracket(channels)));
    }
    String function = get(f, "functionName");
    if (function != null) {
      List<String> changes = new ArrayList<>();
      f.forEach(
          (k, v) -> {
            if (k.startsWith("changedVariables.")) {
              String name = k.substring("changedVariables.".length());
              String before = f.get("previousValues." + name);
              changes.add(name + " " + (before == null ? "" : before + " → ") + v);
            }
          });
      parts.add(
          "`" + function + "`" + (changes.isEmpty() ? "" : ": " + String.join(", ", changes)));
    }
    String status = get(f, "status");
    if (status != null) {
      parts.add("status " + status);
    }
    String took = first(f, "durationMillis", "restoreDurationMillis");
    if (took != null) {
      parts.add("took " + millis(took));
    }
    if (parts.isEmpty()) {
      f.entrySet().stream()
          .filter(e -> !noise(e.getKey()))
          .limit(FALLBACK_FIELDS)
          .forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
    }
    return String.join(", ", parts);
  }

  /** The field itself, else the first nested field of that name ({@code validation.passed}). */
  private static String get(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v != null) {
      return v;
    }
    return f.entrySet().stream()
        .filter(e -> e.getKey().endsWith("." + key))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static String first(Map<String, String> f, String... keys) {
    for (String k : keys) {
      String v = get(f, k);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static void verdict(
      Map<String, String> f, String key, String yes, String no, List<String> parts) {
    String v = get(f, key);
    if (v != null) {
      parts.add(Boolean.parseBoolean(v) ? yes : no);
    }
  }

  private static boolean noise(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    return NOISE_SUFFIXES.stream().anyMatch(last::endsWith);
  }

  private static String time(String iso) {
    try {
      return ReportFormat.time(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static String millis(String value) {
    try {
      return ReportFormat.duration(Duration.ofMillis(Long.parseLong(value)));
    } catch (NumberFormatException e) {
      return value + " ms";
    }
  }

  private static String unbracket(String list) {
    return list.startsWith("[") && list.endsWith("]") ? list.substring(1, list.length() - 1) : list;
  }
}
