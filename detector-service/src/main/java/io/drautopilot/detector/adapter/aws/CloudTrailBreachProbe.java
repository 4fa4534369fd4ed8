package io.drautopilot.detector.adapter.aws;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.adapter.probe.ProbeHealth;
import io.drautopilot.detector.adapter.probe.TargetProbe;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Observation.Subjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runbook's Scenario 3 symptoms ("suspicious query patterns", "unauthorized access") from CloudTrail data events
 * in CloudWatch Logs: a Scan burst by one principal, or any read by a principal outside the known list. Evidence
 * names the principal and the counts, never what was read; its subjects say who the principal is (type, name, ARN,
 * access key id, source IP) for the runbook's containment steps.
 */
public class CloudTrailBreachProbe extends TargetProbe.PerRegion implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CloudTrailBreachProbe.class);
  static final String CHECK = "cloudtrail-access";

  private final DetectorProperties.Breach config;
  private final ProbeHealth blindSpots;
  private final JsonMapper json = JsonMapper.builder().build();
  private final RegionalClients<CloudWatchLogsClient> clients;

  public CloudTrailBreachProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.Breach config,
      AwsClientFactory aws) {
    this(targets, config, aws, ProbeHealth.untracked());
  }

  public CloudTrailBreachProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.Breach config,
      AwsClientFactory aws,
      ProbeHealth blindSpots) {
    super(CHECK, targets);
    this.config = config;
    this.blindSpots = blindSpots;
    this.clients =
        aws.perRegion(
            CloudWatchLogsClient::builder,
            "logs",
            AwsClientFactory.singleAttempt(config.timeout()));
  }

  @Override
  public void close() {
    clients.close();
  }

  @Override
  protected List<Observation> probeRegion(DetectorProperties.Target target, Instant now) {
    List<Observation> out = new ArrayList<>();
    String region = target.region();
    CloudWatchLogsClient logs = clients.forRegion(region);
    Map<String, Map<String, Integer>> scansByTableAndPrincipal = new HashMap<>();
    Map<String, Set<String>> unknownByTable = new HashMap<>();
    // The first event of each principal on each table: who it is, by which key, from where.
    Map<String, Map<String, JsonNode>> firstEventByTableAndPrincipal = new HashMap<>();
    // When each principal first read each table, and first scanned it: the earliest suspicious one
    // is the impact start.
    Map<String, Map<String, Instant>> firstReadByTableAndPrincipal = new HashMap<>();
    Map<String, Map<String, Instant>> firstScanByTableAndPrincipal = new HashMap<>();
    try {
      // Every page of the lookback window: a burst on page 2 behind 10,000 ordinary reads is still
      // a burst.
      for (FilteredLogEvent e :
          logs.filterLogEventsPaginator(
                  b ->
                      b.logGroupName(config.logGroup())
                          .filterPattern(config.filterPattern())
                          .startTime(now.minus(config.lookback()).toEpochMilli())
                          .endTime(now.toEpochMilli())
                          .limit(10_000))
              .events()) {
        JsonNode event;
        try {
          event = json.readTree(e.message());
        } catch (RuntimeException notJson) {
          continue;
        }
        String principal = event.path("userIdentity").path("arn").asString("unknown");
        String table = event.path("requestParameters").path("tableName").asString("");
        if (!target.tables().contains(table)) {
          continue;
        }
        firstEventByTableAndPrincipal
            .computeIfAbsent(table, t -> new HashMap<>())
            .putIfAbsent(principal, event);
        Instant at = eventTime(event, e, now);
        firstReadByTableAndPrincipal
            .computeIfAbsent(table, t -> new HashMap<>())
            .merge(principal, at, CloudTrailBreachProbe::min);
        if ("Scan".equals(event.path("eventName").asString(""))) {
          scansByTableAndPrincipal
              .computeIfAbsent(table, t -> new TreeMap<>())
              .merge(principal, 1, Integer::sum);
          firstScanByTableAndPrincipal
              .computeIfAbsent(table, t -> new HashMap<>())
              .merge(principal, at, CloudTrailBreachProbe::min);
        }
        if (!config.knownPrincipals().isEmpty()
            && config.knownPrincipals().stream().noneMatch(principal::startsWith)) {
          unknownByTable.computeIfAbsent(table, t -> new TreeSet<>()).add(principal);
        }
      }
    } catch (SdkException e) {
      log.warn("FilterLogEvents on {} in {} failed: {}", config.logGroup(), region, e.getMessage());
      blindSpots.blind(CHECK, region, "FilterLogEvents: " + ProbeHealth.describe(e));
      return out;
    }
    blindSpots.seeing(CHECK, region);
    for (String table : target.tables()) {
      List<String> findings = new ArrayList<>();
      double worstBurst = 0;
      String worstBurstBy = null;
      Instant firstSuspicious = now;
      for (var p : scansByTableAndPrincipal.getOrDefault(table, Map.of()).entrySet()) {
        if (p.getValue() >= config.scanBurstThreshold()) {
          findings.add(p.getValue() + " Scans by " + p.getKey());
          firstSuspicious =
              min(firstSuspicious, firstScanByTableAndPrincipal.get(table).get(p.getKey()));
          if (p.getValue() > worstBurst) {
            worstBurst = p.getValue();
            worstBurstBy = p.getKey();
          }
        }
      }
      Set<String> unknown = unknownByTable.getOrDefault(table, Set.of());
      for (String p : unknown) {
        findings.add("reads by unknown principal " + p);
        firstSuspicious = min(firstSuspicious, firstReadByTableAndPrincipal.get(table).get(p));
      }
      if (findings.isEmpty()) {
        out.add(Observation.passing(CHECK, region, table, now));
        continue;
      }
      String named = worstBurstBy != null ? worstBurstBy : unknown.iterator().next();
      // Observed at the first suspicious event, not at this round: the impact started with the
      // breach, and the
      // forensic export reaches back from the impact start.
      out.add(
          Observation.failing(
                  CHECK,
                  region,
                  table,
                  "suspicious-access",
                  String.join("; ", findings)
                      + " in the last "
                      + config.lookback()
                      + ", the first at "
                      + firstSuspicious,
                  worstBurst,
                  firstSuspicious)
              .withSubjects(subjects(firstEventByTableAndPrincipal.get(table).get(named))));
    }
    return out;
  }

  /**
   * When the event happened: CloudTrail's {@code eventTime}, else the log event's timestamp, never after {@code now}
   * (a skewed clock must not put the impact start in the future).
   */
  static Instant eventTime(JsonNode event, FilteredLogEvent logEvent, Instant now) {
    Instant at = null;
    try {
      String eventTime = event.path("eventTime").asString("");
      if (!eventTime.isEmpty()) {
        at = Instant.parse(eventTime);
      }
    } catch (java.time.format.DateTimeParseException malformed) {
      at = null;
    }
    if (at == null && logEvent.timestamp() != null) {
      at = Instant.ofEpochMilli(logEvent.timestamp());
    }
    return at == null || at.isAfter(now) ? now : at;
  }

  private static Instant min(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * Who a CloudTrail event's caller is, by name: the principal's ARN and type ({@code USER} for an IAM user,
   * {@code ROLE} with the role's name for an assumed role, any other type as CloudTrail spells it and without a
   * name), the access key id it signed with and its source IP. Never a secret: CloudTrail records none.
   */
  static Map<String, String> subjects(JsonNode event) {
    JsonNode identity = event.path("userIdentity");
    Map<String, String> subjects = new LinkedHashMap<>();
    String type = identity.path("type").asString("");
    switch (type) {
      case "IAMUser" -> {
        subjects.put(Subjects.PRINCIPAL_TYPE, Subjects.USER);
        subjects.put(Subjects.PRINCIPAL_NAME, identity.path("userName").asString(""));
      }
      case "AssumedRole" -> {
        subjects.put(Subjects.PRINCIPAL_TYPE, Subjects.ROLE);
        subjects.put(
            Subjects.PRINCIPAL_NAME,
            identity.path("sessionContext").path("sessionIssuer").path("userName").asString(""));
      }
      default -> subjects.put(Subjects.PRINCIPAL_TYPE, type);
    }
    subjects.put(Subjects.PRINCIPAL_ARN, identity.path("arn").asString(""));
    subjects.put(Subjects.ACCESS_KEY_ID, identity.path("accessKeyId").asString(""));
    subjects.put(Subjects.SOURCE_IP, event.path("sourceIPAddress").asString(""));
    return subjects;
  }
}
