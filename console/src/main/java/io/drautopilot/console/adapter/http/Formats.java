package io.drautopilot.console.adapter.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How times and amounts read on the pages (UTC, as the timeline records them). */
@Component("fmt")
public class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  public String iso(Instant at) {
    return at == null ? "" : at.toString();
  }

  public long millis(Instant at) {
    return at == null ? 0 : at.toEpochMilli();
  }

  public String duration(Duration d) {
    return d == null ? "" : clock(d);
  }

  /** {@code h:mm:ss} or {@code m:ss}, as on a stopwatch. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }

  public String between(Instant from, Instant to) {
    return from == null || to == null ? "" : duration(Duration.between(from, to));
  }

  public String age(Instant since, Instant now) {
    return since == null ? "" : duration(Duration.between(since, now));
  }

  public String count(Long n) {
    return n == null ? "?" : String.format("%,d", n);
  }

  public String percent(Double p) {
    return p == null ? "" : String.format("%.0f%%", p);
  }

  public String rate(Double r) {
    return r == null ? "" : String.format("%,.1f items/s", r);
  }
}
