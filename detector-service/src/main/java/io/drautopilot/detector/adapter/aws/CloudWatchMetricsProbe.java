package io.drautopilot.detector.adapter.aws;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.adapter.probe.ProbeHealth;
import io.drautopilot.detector.adapter.probe.TargetProbe;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The runbook's Scenario 4 check ("check CloudWatch metrics"): one GetMetricData call per table for throttled
 * requests, system errors and latency (aggregated over operations with SEARCH expressions, as those metrics carry
 * an Operation dimension), plus the region's user errors. The worst datapoint in the lookback is compared with the
 * threshold; no datapoints means nothing happened. The seed's bottleneck evidence goes with every failure: the table's
 * consumed read and write capacity (Sum per {@code capacity-period}, 300 s as in the seed) and, when a log group is
 * configured, the number of "SLOW QUERY" lines the service logged.
 */
public class CloudWatchMetricsProbe extends TargetProbe.PerRegion implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CloudWatchMetricsProbe.class);

  /** Query id, CloudWatch metric name (the threshold key) and the signal it raises. */
  record Watched(String id, String metric, String signal) {}

  static final Watched THROTTLED = new Watched("throttled", "ThrottledRequests", "throttling");
  static final Watched SYSTEM_ERRORS = new Watched("systemerrors", "SystemErrors", "system-errors");
  static final Watched LATENCY = new Watched("latency", "SuccessfulRequestLatency", "high-latency");
  static final Watched USER_ERRORS = new Watched("usererrors", "UserErrors", "user-errors");

  /** The seed's bottleneck figures: evidence only, compared with no threshold. */
  static final Watched CONSUMED_READ =
      new Watched("consumedread", "ConsumedReadCapacityUnits", null);

  static final Watched CONSUMED_WRITE =
      new Watched("consumedwrite", "ConsumedWriteCapacityUnits", null);

  private final DetectorProperties.CloudWatch config;
  private final ProbeHealth blindSpots;
  private final RegionalClients<CloudWatchClient> clients;
  private final RegionalClients<CloudWatchLogsClient> logsClients;

  public CloudWatchMetricsProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.CloudWatch config,
      AwsClientFactory aws) {
    this(targets, config, aws, ProbeHealth.untracked());
  }

  public CloudWatchMetricsProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.CloudWatch config,
      AwsClientFactory aws,
      ProbeHealth blindSpots) {
    super("cloudwatch-metrics", targets);
    this.config = config;
    this.blindSpots = blindSpots;
    this.clients =
        aws.perRegion(
            CloudWatchClient::builder,
            "cloudwatch",
            AwsClientFactory.singleAttempt(config.timeout()));
    this.logsClients =
        aws.perRegion(
            CloudWatchLogsClient::builder,
            "logs",
            AwsClientFactory.singleAttempt(config.timeout()));
  }

  @Override
  public void close() {
    clients.close();
    logsClients.close();
  }

  @Override
  protected List<Observation> probeRegion(DetectorProperties.Target target, Instant now) {
    List<Observation> out = new ArrayList<>();
    String region = target.region();
    CloudWatchClient cw = clients.forRegion(region);
    boolean first = true;
    String failure = null;
    for (String table : target.tables()) {
      List<MetricDataQuery> queries =
          new ArrayList<>(
              List.of(
                  search(THROTTLED, table, "Sum", "SUM"),
                  search(SYSTEM_ERRORS, table, "Sum", "SUM"),
                  search(LATENCY, table, "Average", "MAX")));
      queries.add(consumed(CONSUMED_READ, table));
      queries.add(consumed(CONSUMED_WRITE, table));
      if (first) {
        queries.add(
            MetricDataQuery.builder()
                .id(USER_ERRORS.id())
                .metricStat(
                    s ->
                        s.stat("Sum")
                            .period((int) config.period().toSeconds())
                            .metric(
                                m -> m.namespace("AWS/DynamoDB").metricName(USER_ERRORS.metric())))
                .build());
      }
      Instant start = now.minus(max(config.lookback(), config.capacityPeriod()));
      Map<String, Double> worst;
      try {
        worst =
            worstValues(
                cw.getMetricData(b -> b.metricDataQueries(queries).startTime(start).endTime(now)));
      } catch (SdkException e) {
        // CloudWatch being unreachable says nothing about the tables; the availability probe covers
        // them.
        log.warn("GetMetricData for {} in {} failed: {}", table, region, e.getMessage());
        failure = "GetMetricData for " + table + ": " + ProbeHealth.describe(e);
        continue;
      }
      String capacity = capacity(worst);
      out.add(judge(THROTTLED, worst, region, table, now, capacity));
      out.add(judge(SYSTEM_ERRORS, worst, region, table, now, capacity));
      out.add(judge(LATENCY, worst, region, table, now, capacity));
      if (first) {
        out.add(judge(USER_ERRORS, worst, region, null, now, ""));
        first = false;
      }
    }
    if (config.slowQueries().logGroup() != null
        && !config.slowQueries().logGroup().isBlank()
        && out.stream().anyMatch(Observation::failing)) {
      try {
        String slow =
            "; "
                + slowQueries(region, now)
                + " \"SLOW QUERY\" log lines in "
                + config.slowQueries().logGroup()
                + " in the last "
                + config.slowQueries().lookback();
        out.replaceAll(o -> o.failing() ? o.withDetail(o.detail() + slow) : o);
      } catch (SdkException e) {
        log.warn(
            "FilterLogEvents on {} in {} failed: {}",
            config.slowQueries().logGroup(),
            region,
            e.getMessage());
        failure =
            "FilterLogEvents (SLOW QUERY) on "
                + config.slowQueries().logGroup()
                + ": "
                + ProbeHealth.describe(e);
      }
    }
    if (failure != null) {
      blindSpots.blind(name(), region, failure);
    } else {
      blindSpots.seeing(name(), region);
    }
    return out;
  }

  /** The seed's "identify bottlenecks" query: the table's consumed capacity, Sum per {@code capacity-period}. */
  private MetricDataQuery consumed(Watched w, String table) {
    return MetricDataQuery.builder()
        .id(w.id())
        .label(w.metric())
        .metricStat(
            s ->
                s.stat("Sum")
                    .period((int) config.capacityPeriod().toSeconds())
                    .metric(
                        m ->
                            m.namespace("AWS/DynamoDB")
                                .metricName(w.metric())
                                .dimensions(d -> d.name("TableName").value(table))))
        .build();
  }

  /** The consumed capacity as evidence, or nothing when CloudWatch has no datapoint for it. */
  private String capacity(Map<String, Double> worst) {
    Double read = worst.get(CONSUMED_READ.id());
    Double write = worst.get(CONSUMED_WRITE.id());
    if (read == null && write == null) {
      return "";
    }
    return "; consumed capacity (highest Sum per "
        + config.capacityPeriod().toSeconds()
        + " s): "
        + CONSUMED_READ.metric()
        + " "
        + (read == null ? "no data" : read)
        + ", "
        + CONSUMED_WRITE.metric()
        + " "
        + (write == null ? "no data" : write);
  }

  /** How many "SLOW QUERY" lines the service logged in the lookback (every page). */
  private long slowQueries(String region, Instant now) {
    DetectorProperties.SlowQueries c = config.slowQueries();
    CloudWatchLogsClient logs = logsClients.forRegion(region);
    long count = 0;
    for (var page :
        logs.filterLogEventsPaginator(
            b ->
                b.logGroupName(c.logGroup())
                    .filterPattern(c.filterPattern())
                    .startTime(now.minus(c.lookback()).toEpochMilli())
                    .endTime(now.toEpochMilli()))) {
      count += page.events().size();
    }
    return count;
  }

  private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private MetricDataQuery search(Watched w, String table, String stat, String aggregate) {
    String expression =
        aggregate
            + "(SEARCH('{AWS/DynamoDB,TableName,Operation} MetricName=\""
            + w.metric()
            + "\" TableName=\""
            + table
            + "\"', '"
            + stat
            + "', "
            + config.period().toSeconds()
            + "))";
    return MetricDataQuery.builder().id(w.id()).expression(expression).label(w.metric()).build();
  }

  private static Map<String, Double> worstValues(GetMetricDataResponse response) {
    Map<String, Double> worst = new HashMap<>();
    for (MetricDataResult r : response.metricDataResults()) {
      r.values().stream().max(Double::compare).ifPresent(v -> worst.merge(r.id(), v, Math::max));
    }
    return worst;
  }

  private Observation judge(
      Watched w,
      Map<String, Double> worst,
      String region,
      String resource,
      Instant now,
      String evidence) {
    String check = "cloudwatch:" + w.metric();
    Double threshold = config.thresholds().get(w.metric());
    Double value = worst.get(w.id());
    if (threshold != null && value != null && value >= threshold) {
      return Observation.failing(
          check,
          region,
          resource,
          w.signal(),
          w.metric()
              + " reached "
              + value
              + " (threshold "
              + threshold
              + ") in the last "
              + config.lookback()
              + evidence,
          value,
          now);
    }
    return Observation.passing(check, region, resource, now);
  }
}
