package io.drautopilot.detector.adapter.http;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Observation.Subjects;
import io.drautopilot.detector.domain.ReportedSeverity;
import io.drautopilot.detector.domain.RunbookSeverity;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns the three inbound alert formats into observations. Alerts are already damped at their source, so they are
 * pre-confirmed: a firing alert raises at once, a resolved one counts as green. Each alert is a series of its own
 * (an Alertmanager alert by its fingerprint), so a check behind an incident clears only when all its alerts resolved.
 * An alert's time becomes the impact start only within {@code max-impact-age} of now.
 */
public class AlertParser {

  /** Alertmanager labels naming who an alert is about, to the subject names runbooks know. */
  static final Map<String, String> SUBJECT_LABELS =
      Map.of(
          "principal_type", Subjects.PRINCIPAL_TYPE,
          "principal_name", Subjects.PRINCIPAL_NAME,
          "principal_arn", Subjects.PRINCIPAL_ARN,
          "access_key_id", Subjects.ACCESS_KEY_ID,
          "source_ip", Subjects.SOURCE_IP);

  /** The generic format's {@code subjects} object uses the subject names themselves. */
  static final Map<String, String> SUBJECT_FIELDS =
      SUBJECT_LABELS.values().stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> n));

  private final String defaultRegion;
  private final Map<String, String> metricSignals;
  private final Duration maxImpactAge;
  private final DetectorProperties.UnmanagedTables unmanagedTables;
  private final DetectorProperties.Alertmanager alertmanager;

  /** {@code region|table} of every configured target. */
  private final Set<String> managed = new HashSet<>();

  public AlertParser(
      DetectorProperties.Webhooks webhooks, List<DetectorProperties.Target> targets) {
    this.defaultRegion = webhooks.defaultRegion();
    this.metricSignals = webhooks.sns().metricSignals();
    this.maxImpactAge = webhooks.maxImpactAge();
    this.unmanagedTables = webhooks.unmanagedTables();
    this.alertmanager = webhooks.alertmanager();
    for (DetectorProperties.Target t : targets) {
      t.tables().forEach(table -> managed.add(t.region() + "|" + table));
    }
  }

  /**
   * Prometheus Alertmanager webhook (version 4): every alert of the group. Labels {@code principal_type},
   * {@code principal_name}, {@code principal_arn}, {@code access_key_id} and {@code source_ip} name its subjects.
   */
  public List<Observation> alertmanager(JsonNode payload, Instant now) {
    JsonNode alerts = payload.get("alerts");
    if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
      throw new WebhookRejected(
          400, "not an Alertmanager webhook: 'alerts' must be a non-empty array");
    }
    List<Observation> out = new ArrayList<>();
    for (JsonNode alert : alerts) {
      JsonNode labels = alert.path("labels");
      String name = labels.path("alertname").asString("");
      if (name.isBlank()) {
        throw new WebhookRejected(400, "an Alertmanager alert has no labels.alertname");
      }
      String signal = firstText(labels, "dr_signal", "signal").orElse(name);
      String region = firstText(labels, "region", "aws_region").orElse(defaultRegion);
      String resource = firstText(labels, "table", "TableName", "table_name").orElse(null);
      boolean firing = status(alert.path("status").asString(payload.path("status").asString("")));
      Bounded at =
          firing
              ? bounded(time(alert.path("startsAt"), now), now, "startsAt")
              : new Bounded(now, "");
      String summary = alert.path("annotations").path("summary").asString("");
      // One series per alert: a group's alerts share the alertname but fire and resolve on their
      // own.
      String check = "alert:alertmanager:" + name + ":" + alertKey(alert, labels);
      out.add(
          new Observation(
              check,
              region,
              resource,
              firing,
              firing ? signal : null,
              "Alertmanager " + name + (summary.isBlank() ? "" : ": " + summary) + at.note(),
              null,
              at.instant(),
              true,
              subjects(labels, SUBJECT_LABELS),
              reportedSeverity(labels)));
    }
    return managedOnly(out);
  }

  /**
   * Alertmanager's own fingerprint of the alert (a hash of its label set), else the label set itself, sorted: the
   * same alert has the same key in every notification of its group, whatever the order.
   */
  static String alertKey(JsonNode alert, JsonNode labels) {
    String fingerprint = alert.path("fingerprint").asString("");
    if (!fingerprint.isBlank()) {
      return fingerprint;
    }
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> label : labels.properties()) {
      sorted.put(label.getKey(), label.getValue().asString(""));
    }
    return sorted.toString();
  }

  private ReportedSeverity reportedSeverity(JsonNode labels) {
    String label = labels.path("severity").asString("").strip().toLowerCase(Locale.ROOT);
    if (label.isEmpty() || alertmanager.severityMode() == DetectorProperties.SeverityMode.RULE) {
      return null;
    }
    RunbookSeverity severity =
        alertmanager.severities().entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(label))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    return severity == null
        ? null
        : new ReportedSeverity(
            severity, alertmanager.severityMode() == DetectorProperties.SeverityMode.ALERT);
  }

  /**
   * The generic format: one alert object, or {@code {"alerts": [...]}} of them.
   * <pre>{"signal": "table-unavailable", "status": "firing", "region": "us-east-1", "resource": "my-table",
   *  "source": "my-monitor", "detail": "...", "value": 12.5, "observedAt": "2026-01-15T10:30:00Z",
   *  "subjects": {"principalType": "USER", "principalName": "...", "principalArn": "...", "accessKeyId": "...",
   *               "sourceIp": "..."}}</pre>
   */
  public List<Observation> generic(JsonNode payload, Instant now) {
    List<Observation> out = new ArrayList<>();
    JsonNode alerts = payload.has("alerts") ? payload.get("alerts") : null;
    if (alerts != null && (!alerts.isArray() || alerts.isEmpty())) {
      throw new WebhookRejected(400, "'alerts' must be a non-empty array");
    }
    for (JsonNode a : alerts == null ? List.of(payload) : alerts) {
      if (!a.isObject()) {
        throw new WebhookRejected(400, "an alert must be a JSON object");
      }
      String signal = a.path("signal").asString("");
      if (signal.isBlank()) {
        throw new WebhookRejected(
            400, "an alert needs 'signal' (e.g. table-unavailable, throttling, suspicious-access)");
      }
      boolean firing = status(a.path("status").asString(""));
      String source = a.path("source").asString("generic");
      String region = a.path("region").asString(defaultRegion);
      String resource = a.path("resource").isString() ? a.path("resource").asString() : null;
      Double value = a.path("value").isNumber() ? a.path("value").asDouble() : null;
      Bounded at = bounded(time(a.path("observedAt"), now), now, "observedAt");
      out.add(
          new Observation(
              "alert:" + source + ":" + signal,
              region,
              resource,
              firing,
              firing ? signal : null,
              a.path("detail").asString(source + " alert " + signal) + at.note(),
              value,
              at.instant(),
              true,
              subjects(a.path("subjects"), SUBJECT_FIELDS)));
    }
    return managedOnly(out);
  }

  /**
   * A CloudWatch alarm state change delivered in an SNS Notification's Message. INSUFFICIENT_DATA tells nothing and
   * gives no observation.
   */
  public List<Observation> cloudWatchAlarm(JsonNode alarm, String topicArn, Instant now) {
    String name = alarm.path("AlarmName").asString("");
    String state = alarm.path("NewStateValue").asString("");
    if (name.isBlank() || state.isBlank()) {
      throw new WebhookRejected(
          400, "the SNS Message is not a CloudWatch alarm (AlarmName and NewStateValue needed)");
    }
    if (state.equals("INSUFFICIENT_DATA")) {
      return List.of();
    }
    if (!state.equals("ALARM") && !state.equals("OK")) {
      throw new WebhookRejected(400, "unknown alarm state " + state);
    }
    JsonNode trigger = alarm.path("Trigger");
    String metric = trigger.path("MetricName").asString("");
    String signal = metricSignals.getOrDefault(metric, "cloudwatch-alarm:" + name);
    String resource = null;
    for (JsonNode d : trigger.path("Dimensions")) {
      if (d.path("name").asString("").equalsIgnoreCase("TableName")) {
        resource = d.path("value").asString();
      }
    }
    String region =
        regionOfArn(alarm.path("AlarmArn").asString(""))
            .orElse(regionOfArn(topicArn).orElse(defaultRegion));
    boolean firing = state.equals("ALARM");
    Bounded at =
        firing
            ? bounded(time(alarm.path("StateChangeTime"), now), now, "StateChangeTime")
            : new Bounded(now, "");
    return managedOnly(
        List.of(
            new Observation(
                "alert:cloudwatch:" + name,
                region,
                resource,
                firing,
                firing ? signal : null,
                "CloudWatch alarm " + name + " is " + state + at.note(),
                null,
                at.instant(),
                true)));
  }

  /**
   * The subjects an alert names, from the given fields of {@code node} (string values only). A principal type is
   * spelled as the detector's probes spell it: {@code USER} for a user or IAMUser, {@code ROLE} for a role or
   * AssumedRole, anything else as given.
   */
  private static Map<String, String> subjects(JsonNode node, Map<String, String> fields) {
    Map<String, String> subjects = new java.util.TreeMap<>();
    fields.forEach(
        (field, subject) -> {
          JsonNode v = node.path(field);
          if (v.isString() && !v.asString().isBlank()) {
            subjects.put(subject, v.asString().strip());
          }
        });
    subjects.computeIfPresent(
        Subjects.PRINCIPAL_TYPE,
        (k, type) ->
            switch (type.toLowerCase(java.util.Locale.ROOT)) {
              case "user", "iamuser" -> Subjects.USER;
              case "role", "assumedrole" -> Subjects.ROLE;
              default -> type;
            });
    return subjects;
  }

  /** True when the observation names no table, or a table of a configured target in its region. */
  public boolean isManaged(Observation o) {
    return o.resource() == null || managed.contains(o.region() + "|" + o.resource());
  }

  /**
   * Alerts about tables outside {@code dr.detector.targets}: refused as a whole (nothing of the call is evaluated),
   * or kept with "unmanaged" in their evidence, as configured.
   */
  private List<Observation> managedOnly(List<Observation> observations) {
    List<Observation> out = new ArrayList<>();
    for (Observation o : observations) {
      if (isManaged(o)) {
        out.add(o);
      } else if (unmanagedTables == DetectorProperties.UnmanagedTables.REFUSE) {
        throw new WebhookRejected(
            422,
            "table "
                + o.resource()
                + " in "
                + o.region()
                + " is not a configured target (dr.detector.targets); alerts about unmanaged tables are refused here");
      } else {
        out.add(
            new Observation(
                o.check(),
                o.region(),
                o.resource(),
                o.failing(),
                o.signal(),
                o.detail()
                    + " [unmanaged: "
                    + o.resource()
                    + " is not a configured target in "
                    + o.region()
                    + "]",
                o.value(),
                o.observedAt(),
                o.preConfirmed(),
                o.subjects(),
                o.reportedSeverity()));
      }
    }
    return out;
  }

  /** An alert's time as the impact start, within [now - maxImpactAge, now]; the note says what was clamped. */
  private Bounded bounded(Instant at, Instant now, String field) {
    if (at.isAfter(now)) {
      return new Bounded(
          now, " (" + field + " " + at + " is in the future: impact start clamped to " + now + ")");
    }
    Instant oldest = now.minus(maxImpactAge);
    if (at.isBefore(oldest)) {
      return new Bounded(
          oldest,
          " ("
              + field
              + " "
              + at
              + " is older than "
              + maxImpactAge
              + ": impact start clamped to "
              + oldest
              + ")");
    }
    return new Bounded(at, "");
  }

  private record Bounded(Instant instant, String note) {}

  private static java.util.Optional<String> regionOfArn(String arn) {
    String[] parts = arn.split(":");
    return parts.length > 4 && !parts[3].isBlank()
        ? java.util.Optional.of(parts[3])
        : java.util.Optional.empty();
  }

  private static boolean status(String status) {
    return switch (status.toLowerCase(java.util.Locale.ROOT)) {
      case "firing", "alarm", "triggered" -> true;
      case "resolved", "ok" -> false;
      default ->
          throw new WebhookRejected(
              400, "status must be 'firing' or 'resolved', got '" + status + "'");
    };
  }

  private static Instant time(JsonNode node, Instant fallback) {
    if (!node.isString() || node.asString().isBlank() || node.asString().startsWith("0001-")) {
      return fallback;
    }
    try {
      return java.time.OffsetDateTime.parse(node.asString().replace("+0000", "Z")).toInstant();
    } catch (DateTimeParseException e) {
      throw new WebhookRejected(400, "not an ISO-8601 time: " + node.asString());
    }
  }

  private static java.util.Optional<String> firstText(JsonNode node, String... fields) {
    for (String f : fields) {
      String v = node.path(f).asString("");
      if (!v.isBlank()) {
        return java.util.Optional.of(v);
      }
    }
    return java.util.Optional.empty();
  }
}
