package io.drautopilot.detector.config;

import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import io.drautopilot.integrity.RuleSetSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code dr.detector.*}: what to probe, how often, how eagerly to raise, and how signals map to the runbook.
 * The classification table itself lives in {@code classification-rules.yml}.
 *
 * @param detectorId    names this detector in every event it publishes
 * @param probeInterval how often the probes run
 * @param initialDelay  how long after the start the first round runs
 * @param probeTimeout  each probe call's limit (one attempt, no SDK retries: damping is the retry)
 * @param targets       regions and the tables to probe in each
 * @param damping       how many results in a row make a check failing or recovered
 * @param correlation   when several resources of one region failing together are one regional problem
 * @param rules         the classification table (see {@code classification-rules.yml})
 * @param probes        the probes and their own settings
 * @param webhooks      the alert webhooks
 * @param sandbox       sandbox-only switches
 * @param maintenance   the runbook's maintenance procedures and their schedules
 * @param restore       how the problems open before a restart are continued
 */
@ConfigurationProperties("dr.detector")
public record DetectorProperties(
    @DefaultValue("detector") String detectorId,
    @DefaultValue("30s") Duration probeInterval,
    @DefaultValue("1s") Duration initialDelay,
    @DefaultValue("2s") Duration probeTimeout,
    @DefaultValue List<Target> targets,
    @DefaultValue Damping damping,
    @DefaultValue Correlation correlation,
    @DefaultValue List<Rule> rules,
    @DefaultValue Probes probes,
    @DefaultValue Webhooks webhooks,
    @DefaultValue Sandbox sandbox,
    @DefaultValue Maintenance maintenance,
    @DefaultValue Restore restore) {

  /**
   * How the problems open before a restart are continued (read back from dr.incidents.detected at start).
   *
   * @param enabled off: every start begins with nothing open
   * @param grace   a continued problem not seen failing again within this time after the start is cleared
   * @param timeout how long the start may spend reading the detection log before it starts with nothing open
   */
  public record Restore(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5m") Duration grace,
      @DefaultValue("30s") Duration timeout) {}

  /**
   * @param region the region
   * @param tables the tables to probe in it
   */
  public record Target(String region, @DefaultValue List<String> tables) {}

  /**
   * @param consecutiveFailures  failing probe results in a row before a check counts as failing
   * @param consecutiveSuccesses passing probe results in a row before a failing check counts as recovered
   * @param confirmInterval      delay of the confirming round after a check starts failing; default a quarter of
   *                             the probe interval
   */
  public record Damping(
      @DefaultValue("2") int consecutiveFailures,
      @DefaultValue("2") int consecutiveSuccesses,
      Duration confirmInterval) {}

  /**
   * @param window          how close together the failures must be
   * @param minResources    how many resources of one region must fail
   * @param signals         the signals that count
   * @param scenario        the regional problem's scenario
   * @param severity        and its severity
   * @param evidenceSignals region-wide signals attached to the region's problem as evidence; they never raise one
   *                        themselves
   */
  public record Correlation(
      @DefaultValue("2m") Duration window,
      @DefaultValue("2") int minResources,
      @DefaultValue({"table-unavailable", "endpoint-unreachable"}) List<String> signals,
      @DefaultValue("REGIONAL_FAILURE") RunbookScenario scenario,
      @DefaultValue("P1") RunbookSeverity severity,
      @DefaultValue(DetectionPolicy.AWS_HEALTH_ISSUE) List<String> evidenceSignals) {}

  /** One line of the classification table (see classification-rules.yml). */
  public record Rule(
      String signal,
      Double minValue,
      RunbookScenario scenario,
      RunbookSeverity severity,
      @DefaultValue("RESOURCE") ClassificationRule.Scope scope,
      String reason) {

    public ClassificationRule toDomain() {
      return new ClassificationRule(signal, minValue, scenario, severity, scope, reason);
    }
  }

  /**
   * @param blindAfter a probe whose own calls have failed this long without a success is "blind" (health DOWN,
   *                   gauge 1)
   * @param timeout    how long each probe part (a table, or a region's call) may take in a round; one that takes
   *                   longer is reported as timed out. Default: three quarters of the probe interval, so a round
   *                   stays within its interval.
   */
  public record Probes(
      @DefaultValue("5m") Duration blindAfter,
      Duration timeout,
      @DefaultValue Availability availability,
      @DefaultValue Integrity integrity,
      @DefaultValue CloudWatch cloudwatch,
      @DefaultValue Health health,
      @DefaultValue Backup backup,
      @DefaultValue Breach breach,
      @DefaultValue AwsHealth awsHealth) {}

  public record Availability(@DefaultValue("true") boolean enabled) {}

  /**
   * @param sampleSize      items read per table per round (one Scan page)
   * @param maxInvalidRatio share of invalid items in the sample above which the table counts as corrupted
   * @param rules           the record rules, shared with validation-service (defaults: the seed's PK, SK,
   *                        entityType)
   */
  public record Integrity(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("200") int sampleSize,
      @DefaultValue("0.0") double maxInvalidRatio,
      @DefaultValue RuleSetSpec rules) {}

  /**
   * @param lookback          how far back each GetMetricData query looks
   * @param period            and its period
   * @param thresholds        metric name to the value (Sum, or Average for latency in ms) above which it is a
   *                          signal; entries set are added to (or replace) the defaults
   * @param latencyOperations operations whose latency is watched
   * @param capacityPeriod    period of the consumed-capacity Sums given as evidence (the seed's
   *                          get-metric-statistics uses 300 s)
   */
  public record CloudWatch(
      boolean enabled,
      @DefaultValue("3s") Duration timeout,
      @DefaultValue("5m") Duration lookback,
      @DefaultValue("1m") Duration period,
      Map<String, Double> thresholds,
      @DefaultValue({"GetItem", "Query"}) List<String> latencyOperations,
      @DefaultValue("300s") Duration capacityPeriod,
      @DefaultValue SlowQueries slowQueries) {

    public CloudWatch {
      thresholds =
          withDefaults(
              thresholds,
              Map.entry("ThrottledRequests", 10.0),
              Map.entry("SystemErrors", 5.0),
              Map.entry("UserErrors", 50.0),
              Map.entry("SuccessfulRequestLatency", 100.0));
    }
  }

  /**
   * The seed's "analyze slow queries": the service's log lines counted as evidence of a performance problem.
   *
   * @param logGroup the service's log group (the seed's /aws/lambda/tyler-setup-graphql); unset: not counted
   */
  public record SlowQueries(
      String logGroup,
      @DefaultValue("[timestamp, request_id, \"SLOW QUERY\"]") String filterPattern,
      @DefaultValue("5m") Duration lookback) {}

  /**
   * @param url    the service's GraphQL endpoint; unset: the probe is off
   * @param region the region the service runs in, for the incident
   */
  public record Health(
      String url,
      @DefaultValue("us-east-1") String region,
      @DefaultValue("{ healthCheck { status database { entities events cache } } }") String query,
      @DefaultValue("3s") Duration timeout) {}

  /**
   * The runbook's Scenario 1 evidence: open AWS Health issues for DynamoDB in each target region.
   *
   * @param service        the AWS Health service name the events are filtered on
   * @param endpointRegion AWS Health's global endpoint is in us-east-1; requests are signed for it
   */
  public record AwsHealth(
      boolean enabled,
      @DefaultValue("DYNAMODB") String service,
      @DefaultValue("us-east-1") String endpointRegion,
      @DefaultValue("5s") Duration timeout) {}

  /**
   * @param awsBackupJobs also read the last AWS Backup job per table (needs backup:ListBackupJobs)
   * @param jobLookback   how far back ListBackupJobs looks for a table's last job (every page of it is read)
   */
  public record Backup(
      boolean enabled,
      @DefaultValue("true") boolean awsBackupJobs,
      @DefaultValue("7d") Duration jobLookback) {}

  /**
   * @param scanBurstThreshold scans by one principal within the lookback that count as a burst
   * @param knownPrincipals    principals (ARN prefixes) expected to read the tables; any other one reading is
   *                           suspicious. Empty: only bursts count.
   */
  public record Breach(
      boolean enabled,
      @DefaultValue("3s") Duration timeout,
      @DefaultValue("/aws/cloudtrail") String logGroup,
      @DefaultValue(
              "{ ($.eventSource = \"dynamodb.amazonaws.com\") && (($.eventName = Scan) || ($.eventName = GetItem) || ($.eventName = Query)) }")
          String filterPattern,
      @DefaultValue("5m") Duration lookback,
      @DefaultValue("20") int scanBurstThreshold,
      @DefaultValue List<String> knownPrincipals) {}

  /**
   * @param token           bearer token accepted on the alert webhooks (from the environment, never in files)
   * @param hmacSecret      HMAC-SHA256 secret for the X-DR-Signature header (from the environment, never in
   *                        files)
   * @param defaultRegion   region assumed for alerts that name none
   * @param maxImpactAge    how far back an alert's own time (startsAt, observedAt, StateChangeTime) may put the
   *                        impact start; an older one, or one in the future, is clamped and the clamp said in the
   *                        evidence, so a stale or skewed clock cannot make the measured RTO and RPO meaningless
   * @param maxBodySize     largest request body any webhook endpoint reads (alerts, maintenance runs); larger ones
   *                        get 413 unread
   * @param unmanagedTables an alert about a table that is not in {@code targets}: accepted and flagged, or refused
   *                        (422)
   */
  public record Webhooks(
      String token,
      String hmacSecret,
      @DefaultValue("us-east-1") String defaultRegion,
      @DefaultValue("24h") Duration maxImpactAge,
      @DefaultValue("1MB") DataSize maxBodySize,
      @DefaultValue("FLAG") UnmanagedTables unmanagedTables,
      @DefaultValue Alertmanager alertmanager,
      @DefaultValue Sns sns) {

    /** Without the token and the HMAC secret. */
    @Override
    public String toString() {
      return "Webhooks[defaultRegion="
          + defaultRegion
          + ", unmanagedTables="
          + unmanagedTables
          + "]";
    }
  }

  /**
   * @param certHostPattern  host pattern a SigningCertURL must match (https only unless allow-http-cert-url)
   * @param certificatePem   a trusted signing certificate (PEM). Set: every SNS message is verified against it and
   *                         no certificate is fetched (the sandbox and tests sign their own messages). Unset: the
   *                         certificate is fetched from the message's SigningCertURL, which must be an SNS host,
   *                         and cached by URL.
   * @param topicArns        topics whose messages are accepted; empty: any topic with a valid signature
   * @param autoConfirm      confirm subscriptions by fetching the SubscribeURL (must match the same host pattern)
   * @param metricSignals    CloudWatch metric of an alarm to the detector's signal; other alarms become
   *                         cloudwatch-alarm:&lt;AlarmName&gt;; entries set are added to (or replace) the defaults
   */
  public record Sns(
      @DefaultValue("^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$") String certHostPattern,
      boolean allowHttpCertUrl,
      String certificatePem,
      @DefaultValue List<String> topicArns,
      @DefaultValue("true") boolean autoConfirm,
      Map<String, String> metricSignals) {

    public Sns {
      metricSignals =
          withDefaults(
              metricSignals,
              Map.entry("ThrottledRequests", "throttling"),
              Map.entry("ReadThrottleEvents", "throttling"),
              Map.entry("WriteThrottleEvents", "throttling"),
              Map.entry("SystemErrors", "system-errors"),
              Map.entry("UserErrors", "user-errors"),
              Map.entry("SuccessfulRequestLatency", "high-latency"));
    }
  }

  public enum UnmanagedTables {
    /** Accept the alert, say "unmanaged" in its evidence and in the answer. */
    FLAG,
    /** Refuse the whole call with 422 naming the table; nothing is published. */
    REFUSE
  }

  public enum SeverityMode {
    /** The more severe of the rule's and the alert's severity wins: an alert can worsen a problem, never soften it. */
    HIGHEST,
    /** The alert's severity replaces the rule's (the rule still decides the scenario). */
    ALERT,
    /** The alert's severity label is ignored. */
    RULE
  }

  /**
   * @param severities value of an alert's {@code severity} label (case-insensitive) to the runbook's severity;
   *                   others are ignored. Entries set are added to (or replace) the defaults.
   */
  public record Alertmanager(
      Map<String, RunbookSeverity> severities, @DefaultValue("HIGHEST") SeverityMode severityMode) {

    public Alertmanager {
      severities =
          withDefaults(
              severities,
              Map.entry("critical", RunbookSeverity.P1),
              Map.entry("high", RunbookSeverity.P2),
              Map.entry("error", RunbookSeverity.P2),
              Map.entry("warning", RunbookSeverity.P3),
              Map.entry("medium", RunbookSeverity.P3),
              Map.entry("low", RunbookSeverity.P4),
              Map.entry("info", RunbookSeverity.P4));
    }
  }

  /** @param enabled for the sandbox drill only: opens {@code POST /maintenance/runs} without credentials */
  public record Sandbox(boolean enabled) {}

  /**
   * The runbook's maintenance procedures, started on their schedules (and on demand) as detections.
   *
   * @param enabled            off: no scheduled runs (on-demand runs stay available)
   * @param zone               the time zone the cron expressions are read in
   * @param checkInterval      how often the schedules are checked: a run starts at most this long after its cron
   *                           time
   * @param backupVerification monthly by default ({@code 0 0 3 1 * *})
   * @param drDrill            quarterly by default ({@code 0 0 4 1 1,4,7,10 *})
   */
  public record Maintenance(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("UTC") String zone,
      @DefaultValue("30s") Duration checkInterval,
      Procedure backupVerification,
      Procedure drDrill) {

    public Maintenance {
      backupVerification = Procedure.withDefaultCron(backupVerification, "0 0 3 1 * *");
      drDrill = Procedure.withDefaultCron(drDrill, "0 0 4 1 1,4,7,10 *");
    }
  }

  /**
   * @param cron   Spring cron (second minute hour day-of-month month day-of-week); "-" switches this one
   *               procedure off
   * @param table  the table it runs against; default: the first target's first table
   * @param region the table's region; default: the first target's region
   */
  public record Procedure(String cron, String table, String region) {

    /** The procedure as set, with {@code cron} where no cron is set (its table and region stay). */
    static Procedure withDefaultCron(Procedure set, String cron) {
      if (set == null) {
        return new Procedure(cron, null, null);
      }
      return set.cron() == null ? new Procedure(cron, set.table(), set.region()) : set;
    }
  }

  /** The defaults in their order, with the bound entries added to or replacing them (as binding a map does). */
  @SafeVarargs
  private static <V> Map<String, V> withDefaults(
      Map<String, V> bound, Map.Entry<String, V>... defaults) {
    Map<String, V> merged = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : defaults) {
      merged.put(e.getKey(), e.getValue());
    }
    if (bound != null) {
      merged.putAll(bound);
    }
    return Collections.unmodifiableMap(merged);
  }
}
