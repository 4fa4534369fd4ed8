package io.drautopilot.notifier.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** How times, durations and field maps read in reports: UTC, to the second, stable for golden files. */
public final class ReportFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter GANTT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ReportFormat() {}

  public static String time(Instant t) {
    return t == null ? "—" : TIME.format(t);
  }

  public static String duration(Duration d) {
    if (d == null) {
      return "—";
    }
    boolean negative = d.isNegative();
    Duration a = d.abs();
    String s;
    if (a.toMillis() < 1000) {
      s = a.toMillis() + " ms";
    } else if (a.toSeconds() < 60) {
      long tenths = a.toMillis() / 100;
      s = tenths % 10 == 0 ? (tenths / 10) + " s" : (tenths / 10) + "." + (tenths % 10) + " s";
    } else if (a.toMinutes() < 60) {
      s = a.toMinutes() + " min" + (a.toSecondsPart() == 0 ? "" : " " + a.toSecondsPart() + " s");
    } else {
      s = a.toHours() + " h" + (a.toMinutesPart() == 0 ? "" : " " + a.toMinutesPart() + " min");
    }
    return negative ? "-" + s : s;
  }

  public static String fields(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
