package io.drautopilot.sandbox.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drill faults for the sandbox, each real where the environment allows: tables are deleted and corrupted in
 * dynalite, a region is taken down through the sandbox's {@link RegionOutageSwitch}, and throttling or a breach
 * signal are made visible to the real CloudWatch and CloudWatch Logs probes by stubbing the recording endpoint
 * (WireMock admin API). Sandbox only: {@link SandboxFaults} adds it to the detector's context when the sandbox
 * launches the detector in its own JVM; in the production topology the drill holds one itself, next to the
 * dynalite and the recording endpoint it started. The detector's own artifact has no way to delete or corrupt a table.
 */
public class SandboxFaultInjector {

  private static final Logger log = LoggerFactory.getLogger(SandboxFaultInjector.class);
  public static final Set<String> KINDS =
      Set.of(
          "table-corruption", "table-deleted", "region-unreachable", "throttling", "breach-signal");

  /** Who the breach-signal drill's CloudTrail events say is scanning (AWS's documentation example key id). */
  static final String INTRUDER = "mallory";

  static final String INTRUDER_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String INTRUDER_IP = "203.0.113.45";

  private final Function<String, DynamoDbClient> dynamo;
  private final Map<String, List<String>> tablesByRegion;
  private final int integritySampleSize;
  private final String recorderAdminUrl;
  private final RegionOutageSwitch outageSwitch;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  /** Stub mapping ids and regions taken down, so a drill can be undone. */
  private final List<String> installedStubs = new ArrayList<>();

  private final Set<String> downRegions = ConcurrentHashMap.newKeySet();

  /**
   * @param dynamo the DynamoDB client of a region, the same endpoints the detector probes, so a fault lands where
   *     its probes look
   * @param tablesByRegion the detector's probe targets in its order: the first gives the default region and table
   * @param integritySampleSize how many items the detector's integrity probe samples (the ones corrupted first)
   * @param recorderAdminUrl the recording endpoint's WireMock admin API ({@code <recorder>/__admin}); null or blank:
   *     throttling and breach-signal are refused with 501
   * @param outageSwitch takes a region down; null: region-unreachable is refused with 501
   */
  public SandboxFaultInjector(
      Function<String, DynamoDbClient> dynamo,
      Map<String, List<String>> tablesByRegion,
      int integritySampleSize,
      String recorderAdminUrl,
      RegionOutageSwitch outageSwitch,
      Clock clock) {
    this.dynamo = dynamo;
    this.tablesByRegion = new LinkedHashMap<>(tablesByRegion);
    this.integritySampleSize = integritySampleSize;
    this.recorderAdminUrl = recorderAdminUrl;
    this.outageSwitch = outageSwitch;
    this.clock = clock;
  }

  public synchronized FaultInjected inject(FaultRequest request) {
    if (request == null || request.kind() == null || !KINDS.contains(request.kind())) {
      throw new FaultRefused(
          400,
          "unknown fault kind "
              + (request == null ? null : request.kind())
              + "; known: "
              + KINDS.stream().sorted().toList());
    }
    String region = request.region() != null ? request.region() : defaultRegion();
    String table = request.table() != null ? request.table() : defaultTable(region);
    String id = UUID.randomUUID().toString();
    Instant at = clock.instant();
    String detail =
        switch (request.kind()) {
          case "table-deleted" -> deleteTable(region, table);
          case "table-corruption" ->
              corrupt(region, table, request.share() == null ? 0.2 : request.share());
          case "region-unreachable" -> takeDown(region);
          case "throttling" -> throttle(table, request.value() == null ? 500.0 : request.value());
          default -> breach(region, table, request.count() == null ? 200 : request.count());
        };
    String scenario =
        switch (request.kind()) {
          case "table-deleted", "table-corruption" -> "TABLE_CORRUPTION";
          case "region-unreachable" -> "REGIONAL_FAILURE";
          case "throttling" -> "PERFORMANCE_DEGRADATION";
          default -> "SECURITY_BREACH";
        };
    log.info("sandbox fault {} injected: {} ({})", id, request.kind(), detail);
    return new FaultInjected(
        id,
        request.kind(),
        region,
        "region-unreachable".equals(request.kind()) ? null : table,
        at,
        scenario,
        detail);
  }

  /** Removes the stubs this injector installed and brings taken-down regions back. Deleted data stays deleted. */
  public synchronized List<String> clear() {
    List<String> undone = new ArrayList<>();
    for (String stub : installedStubs) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(adminUrl() + "/mappings/" + stub)).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
        undone.add("stub " + stub);
      } catch (Exception e) {
        log.warn("could not remove stub {}: {}", stub, e.toString());
      }
    }
    installedStubs.clear();
    for (String region : downRegions) {
      outageSwitch.restore(region);
      undone.add("region " + region);
    }
    downRegions.clear();
    return undone;
  }

  private String deleteTable(String region, String table) {
    try {
      dynamo.apply(region).deleteTable(b -> b.tableName(table));
      return "DeleteTable " + table + " in " + region;
    } catch (ResourceNotFoundException e) {
      throw new FaultRefused(404, "table " + table + " does not exist in " + region);
    }
  }

  private String corrupt(String region, String table, double share) {
    DynamoDbClient client = dynamo.apply(region);
    List<Map<String, AttributeValue>> sample;
    List<String> keys;
    try {
      keys =
          client.describeTable(b -> b.tableName(table)).table().keySchema().stream()
              .map(k -> k.attributeName())
              .toList();
      // The items the integrity probe samples first, so the drill is seen on its next round.
      sample = client.scan(b -> b.tableName(table).limit(integritySampleSize)).items();
    } catch (ResourceNotFoundException e) {
      throw new FaultRefused(404, "table " + table + " does not exist in " + region);
    }
    int toBreak = Math.max(1, (int) Math.ceil(sample.size() * Math.min(1.0, Math.max(0.0, share))));
    int broken = 0;
    for (Map<String, AttributeValue> item : sample.subList(0, Math.min(toBreak, sample.size()))) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      keys.forEach(k -> key.put(k, item.get(k)));
      client.updateItem(b -> b.tableName(table).key(key).updateExpression("REMOVE entityType"));
      broken++;
    }
    // Plus an item whose entityType has the wrong type, as a bad writer would leave it.
    Map<String, AttributeValue> wrong = new LinkedHashMap<>();
    keys.forEach(k -> wrong.put(k, AttributeValue.fromS("SANDBOX-CORRUPT#" + UUID.randomUUID())));
    wrong.put("entityType", AttributeValue.fromN("0"));
    client.putItem(b -> b.tableName(table).item(wrong));
    return "removed entityType from "
        + broken
        + " of "
        + sample.size()
        + " sampled items and wrote 1 item with a numeric entityType in "
        + table
        + " ("
        + region
        + ")";
  }

  private String takeDown(String region) {
    if (outageSwitch == null) {
      throw new FaultRefused(
          501,
          "region-unreachable needs a RegionOutageSwitch bean (the sandbox stops that region's "
              + "dynalite); none is configured in this process");
    }
    outageSwitch.makeUnreachable(region);
    downRegions.add(region);
    return "DynamoDB endpoint of " + region + " taken down";
  }

  private String throttle(String table, double value) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("Id", "throttled");
    result.put("Label", "ThrottledRequests");
    result.put("Timestamps", List.of());
    result.put("Values", List.of(value));
    result.put("StatusCode", "Complete");
    String body =
        Base64.getEncoder()
            .encodeToString(Cbor.encode(Map.of("MetricDataResults", List.of(result))));
    Map<String, Object> mapping =
        Map.of(
            "name",
            "sandbox fault: ThrottledRequests " + value + " on " + table,
            "priority",
            1,
            "request",
            Map.of(
                "method",
                "POST",
                "urlPath",
                "/service/GraniteServiceVersion20100801/operation/GetMetricData",
                "bodyPatterns",
                List.of(Map.of("contains", "TableName=\"" + table + "\""))),
            "response",
            Map.of(
                "status",
                200,
                "base64Body",
                body,
                "headers",
                Map.of("Content-Type", "application/cbor", "smithy-protocol", "rpc-v2-cbor")));
    installStub(mapping);
    return "CloudWatch GetMetricData now reports ThrottledRequests=" + value + " for " + table;
  }

  private String breach(String region, String table, int count) {
    List<Map<String, Object>> events = new ArrayList<>();
    long now = clock.millis();
    // A CloudTrail data event as an IAM user's access key leaves it (identifiers only; CloudTrail
    // records no secrets).
    Map<String, Object> intruder =
        Map.of(
            "type",
            "IAMUser",
            "principalId",
            "AIDAEXAMPLESANDBOX01",
            "arn",
            "arn:aws:iam::000000000000:user/" + INTRUDER,
            "accountId",
            "000000000000",
            "accessKeyId",
            INTRUDER_ACCESS_KEY,
            "userName",
            INTRUDER);
    for (int i = 0; i < count; i++) {
      Map<String, Object> trail = new LinkedHashMap<>();
      trail.put("eventVersion", "1.09");
      trail.put("userIdentity", intruder);
      trail.put("eventTime", java.time.Instant.ofEpochMilli(now - i).toString());
      trail.put("eventSource", "dynamodb.amazonaws.com");
      trail.put("eventName", "Scan");
      trail.put("awsRegion", region);
      trail.put("sourceIPAddress", INTRUDER_IP);
      trail.put("userAgent", "aws-cli/2.15.0");
      trail.put("requestParameters", Map.of("tableName", table));
      byte[] eventSeed =
          ("sandbox-" + now + "-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      trail.put("eventID", UUID.nameUUIDFromBytes(eventSeed).toString());
      trail.put("readOnly", true);
      trail.put("eventType", "AwsApiCall");
      trail.put("managementEvent", false);
      trail.put("recipientAccountId", "000000000000");
      trail.put("eventCategory", "Data");
      String message = json.writeValueAsString(trail);
      events.add(
          Map.of(
              "logStreamName",
              "sandbox",
              "timestamp",
              now - i,
              "ingestionTime",
              now,
              "message",
              message,
              "eventId",
              "sandbox-" + i));
    }
    Map<String, Object> mapping =
        Map.of(
            "name",
            "sandbox fault: Scan burst on " + table,
            "priority",
            1,
            "request",
            Map.of(
                "method",
                "POST",
                "urlPath",
                "/",
                "headers",
                Map.of("X-Amz-Target", Map.of("equalTo", "Logs_20140328.FilterLogEvents"))),
            "response",
            Map.of(
                "status",
                200,
                "jsonBody",
                Map.of("events", events, "searchedLogStreams", List.of()),
                "headers",
                Map.of("Content-Type", "application/x-amz-json-1.1")));
    installStub(mapping);
    return "CloudWatch Logs FilterLogEvents now returns "
        + count
        + " Scans of "
        + table
        + " by the IAM user "
        + INTRUDER
        + " (access key "
        + INTRUDER_ACCESS_KEY
        + ", from "
        + INTRUDER_IP
        + ")";
  }

  private void installStub(Map<String, Object> mapping) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(adminUrl() + "/mappings"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(mapping)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new FaultRefused(
            502, "the recording endpoint refused the stub: HTTP " + r.statusCode());
      }
      installedStubs.add(json.readTree(r.body()).path("id").asString());
    } catch (FaultRefused e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultRefused(503, "interrupted");
    } catch (Exception e) {
      throw new FaultRefused(
          502,
          "cannot reach the recording endpoint's admin API at "
              + adminUrl()
              + ": "
              + e.getMessage());
    }
  }

  private String adminUrl() {
    if (recorderAdminUrl == null || recorderAdminUrl.isBlank()) {
      throw new FaultRefused(
          501, "no recording endpoint configured: set " + SandboxFaults.RECORDER_ADMIN_URL);
    }
    return recorderAdminUrl.replaceAll("/$", "");
  }

  private String defaultRegion() {
    if (tablesByRegion.isEmpty()) {
      throw new FaultRefused(
          400, "no region given and no probe targets configured (dr.detector.targets)");
    }
    return tablesByRegion.keySet().iterator().next();
  }

  private String defaultTable(String region) {
    List<String> tables = tablesByRegion.getOrDefault(region, List.of());
    if (tables.isEmpty()) {
      throw new FaultRefused(400, "no table given and none configured for " + region);
    }
    return tables.get(0);
  }
}
