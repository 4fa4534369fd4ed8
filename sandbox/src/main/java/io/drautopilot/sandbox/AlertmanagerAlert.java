package io.drautopilot.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./drill --via alertmanager}: the fault reaches the detector as Prometheus Alertmanager would send it, a
 * webhook (version 4) notification on {@code POST /alerts/alertmanager} with the detector's bearer token, instead of
 * being found by the detector's probes. The drill still does the damage itself; the probe that would have seen it is
 * switched off ({@link #probesOff}), so the incident is raised by the alert alone.
 *
 * <p>Labels as the detector README asks for them: {@code dr_signal}, {@code region}, {@code table} (none for a
 * region-wide alert), {@code severity}, and for a breach the subjects ({@code principal_*}, {@code access_key_id},
 * {@code source_ip}).
 */
final class AlertmanagerAlert {

  static final String PATH = "/alerts/alertmanager";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final DrillOptions.Scenario scenario;
  private final String region;
  private final String table;
  private final Instant startsAt;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param token the detector's webhook token ({@code dr.detector.webhooks.token})
   * @param startsAt when the fault was made: the alert's {@code startsAt}, which becomes the impact start
   */
  AlertmanagerAlert(
      String token, DrillOptions.Scenario scenario, String region, String table, Instant startsAt) {
    if (scenario.fault == null) {
      throw new IllegalArgumentException(
          "--via alertmanager needs a fault scenario (1, 2, 3 or 4), not " + scenario.flag);
    }
    this.token = token;
    this.scenario = scenario;
    this.region = region;
    this.table = table;
    this.startsAt = startsAt;
  }

  /** A fresh webhook token per drill; never printed. */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The detector probes that would see the scenario's fault themselves; off, so that only the alert raises it. */
  static Map<String, String> probesOff(DrillOptions.Scenario scenario) {
    List<String> probes =
        switch (scenario) {
          case TABLE_CORRUPTION -> List.of("integrity");
          case REGIONAL_FAILURE -> List.of("availability", "integrity");
          case SECURITY_BREACH -> List.of("breach");
          case PERFORMANCE_DEGRADATION -> List.of("cloudwatch");
          case BACKUP_VERIFICATION, DR_DRILL -> List.of();
        };
    Map<String, String> off = new LinkedHashMap<>();
    probes.forEach(p -> off.put("dr.detector.probes." + p + ".enabled", "false"));
    return off;
  }

  /** The alert's labels: what Prometheus rules watching the service would attach. */
  Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("region", region);
    labels.put("job", "tyler-setup-api");
    switch (scenario) {
      case TABLE_CORRUPTION -> {
        labels.put("alertname", "DynamoDBItemsFailIntegrityRules");
        labels.put("dr_signal", "integrity-violation");
        labels.put("table", table);
        labels.put("severity", "critical");
      }
      case REGIONAL_FAILURE -> {
        labels.put("alertname", "DynamoDBRegionUnavailable");
        labels.put("dr_signal", "region-unavailable");
        labels.put("severity", "critical");
      }
      case SECURITY_BREACH -> {
        labels.put("alertname", "DynamoDBSuspiciousScans");
        labels.put("dr_signal", "suspicious-access");
        labels.put("table", table);
        labels.put("severity", "critical");
        labels.put("principal_type", "user");
        labels.put("principal_name", "mallory");
        labels.put("access_key_id", "AKIAIOSFODNN7EXAMPLE");
        labels.put("source_ip", "203.0.113.45");
      }
      case PERFORMANCE_DEGRADATION -> {
        labels.put("alertname", "DynamoDBThrottling");
        labels.put("dr_signal", "throttling");
        labels.put("table", table);
        labels.put("severity", "high");
      }
      default -> throw new IllegalStateException("no alert for " + scenario);
    }
    return labels;
  }

  /** Alertmanager's webhook message (version 4), firing or resolved at {@code now}. */
  String payload(boolean firing, Instant now) {
    Map<String, String> labels = labels();
    String summary =
        switch (scenario) {
          case TABLE_CORRUPTION -> "items of " + table + " break the record rules";
          case REGIONAL_FAILURE -> "DynamoDB in " + region + " does not answer";
          case SECURITY_BREACH -> "burst of Scans of " + table + " by an IAM user";
          default -> "throttled requests on " + table;
        };
    ObjectNode message = JSON.createObjectNode();
    message.put("version", "4");
    message.put("groupKey", "{}:{alertname=\"" + labels.get("alertname") + "\"}");
    message.put("truncatedAlerts", 0);
    message.put("status", firing ? "firing" : "resolved");
    message.put("receiver", "dr-autopilot");
    message.putObject("groupLabels").put("alertname", labels.get("alertname"));
    ObjectNode common = message.putObject("commonLabels");
    labels.forEach(common::put);
    message.putObject("commonAnnotations").put("summary", summary);
    message.put("externalURL", "http://alertmanager.sandbox.invalid:9093");
    ObjectNode alert = message.putArray("alerts").addObject();
    alert.put("status", firing ? "firing" : "resolved");
    ObjectNode alertLabels = alert.putObject("labels");
    labels.forEach(alertLabels::put);
    alert.putObject("annotations").put("summary", summary);
    alert.put("startsAt", startsAt.toString());
    alert.put("endsAt", firing ? "0001-01-01T00:00:00Z" : now.toString());
    alert.put("generatorURL", "http://prometheus.sandbox.invalid:9090/graph");
    alert.put("fingerprint", fingerprint(labels));
    return JSON.writeValueAsString(message);
  }

  /** POSTs the notification to the detector; returns its answer (202 with the decisions), else throws naming it. */
  String send(int detectorPort, boolean firing) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + detectorPort + PATH))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(payload(firing, Instant.now())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "POST " + PATH + " was refused (" + response.statusCode() + "): " + response.body());
    }
    return response.body();
  }

  /** Like Alertmanager's: a hash of the label set, the same in every notification about this alert. */
  static String fingerprint(Map<String, String> labels) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(new TreeMap<>(labels).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token stays out of every log line. */
  @Override
  public String toString() {
    return "Alertmanager alert "
        + labels().get("alertname")
        + " for "
        + (table == null ? region : table);
  }
}
