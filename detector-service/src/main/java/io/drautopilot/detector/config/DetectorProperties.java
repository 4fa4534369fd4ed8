package io.drautopilot.detector.config;

import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import io.drautopilot.integrity.RuleSetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dr.detector.*}: what to probe, how often, how eagerly to raise, and how signals map to the runbook.
 * The classification table itself lives in {@code classification-rules.yml}.
 */
@ConfigurationProperties("dr.detector")
public class DetectorProperties {

  /** Names this detector in every event it publishes. */
  private String detectorId = "detector";

  private Duration probeInterval = Duration.ofSeconds(30);
  private Duration initialDelay = Duration.ofSeconds(1);

  /** Each probe call's limit (one attempt, no SDK retries: damping is the retry). */
  private Duration probeTimeout = Duration.ofSeconds(2);

  /** Regions and the tables to probe in each. */
  private List<Target> targets = new ArrayList<>();

  private Damping damping = new Damping();
  private Correlation correlation = new Correlation();
  private List<Rule> rules = new ArrayList<>();
  private Probes probes = new Probes();
  private Webhooks webhooks = new Webhooks();
  private Sandbox sandbox = new Sandbox();
  private Maintenance maintenance = new Maintenance();
  private Restore restore = new Restore();

  /** How the problems open before a restart are continued (read back from dr.incidents.detected at start). */
  public static class Restore {
    private boolean enabled = true;

    /** A continued problem not seen failing again within this time after the start is cleared. */
    private Duration grace = Duration.ofMinutes(5);

    /** How long the start may spend reading the detection log before it starts with nothing open. */
    private Duration timeout = Duration.ofSeconds(30);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean v) {
      this.enabled = v;
    }

    public Duration getGrace() {
      return grace;
    }

    public void setGrace(Duration v) {
      this.grace = v;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration v) {
      this.timeout = v;
    }
  }

  public Restore getRestore() {
    return restore;
  }

  public void setRestore(Restore v) {
    this.restore = v;
  }

  public static class Target {
    private String region;
    private List<String> tables = new ArrayList<>();

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }

    public List<String> getTables() {
      return tables;
    }

    public void setTables(List<String> tables) {
      this.tables = tables;
    }
  }

  public static class Damping {
    /** Failing probe results in a row before a check counts as failing. */
    private int consecutiveFailures = 2;

    /** Passing probe results in a row before a failing check counts as recovered. */
    private int consecutiveSuccesses = 2;

    /** Delay of the confirming round after a check starts failing; default a quarter of the probe interval. */
    private Duration confirmInterval;

    public Duration getConfirmInterval() {
      return confirmInterval;
    }

    public void setConfirmInterval(Duration v) {
      this.confirmInterval = v;
    }

    public int getConsecutiveFailures() {
      return consecutiveFailures;
    }

    public void setConsecutiveFailures(int v) {
      this.consecutiveFailures = v;
    }

    public int getConsecutiveSuccesses() {
      return consecutiveSuccesses;
    }

    public void setConsecutiveSuccesses(int v) {
      this.consecutiveSuccesses = v;
    }
  }

  public static class Correlation {
    private Duration window = Duration.ofMinutes(2);
    private int minResources = 2;
    private List<String> signals =
        new ArrayList<>(List.of("table-unavailable", "endpoint-unreachable"));
    private RunbookScenario scenario = RunbookScenario.REGIONAL_FAILURE;
    private RunbookSeverity severity = RunbookSeverity.P1;

    /** Region-wide signals attached to the region's problem as evidence; they never raise one themselves. */
    private List<String> evidenceSignals =
        new ArrayList<>(List.of(DetectionPolicy.AWS_HEALTH_ISSUE));

    public List<String> getEvidenceSignals() {
      return evidenceSignals;
    }

    public void setEvidenceSignals(List<String> v) {
      this.evidenceSignals = v;
    }

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }

    public int getMinResources() {
      return minResources;
    }

    public void setMinResources(int minResources) {
      this.minResources = minResources;
    }

    public List<String> getSignals() {
      return signals;
    }

    public void setSignals(List<String> signals) {
      this.signals = signals;
    }

    public RunbookScenario getScenario() {
      return scenario;
    }

    public void setScenario(RunbookScenario scenario) {
      this.scenario = scenario;
    }

    public RunbookSeverity getSeverity() {
      return severity;
    }

    public void setSeverity(RunbookSeverity severity) {
      this.severity = severity;
    }
  }

  /** One line of the classification table (see classification-rules.yml). */
  public static class Rule {
    private String signal;
    private Double minValue;
    private RunbookScenario scenario;
    private RunbookSeverity severity;
    private ClassificationRule.Scope scope = ClassificationRule.Scope.RESOURCE;
    private String reason;

    public ClassificationRule toDomain() {
      return new ClassificationRule(signal, minValue, scenario, severity, scope, reason);
    }

    public String getSignal() {
      return signal;
    }

    public void setSignal(String signal) {
      this.signal = signal;
    }

    public Double getMinValue() {
      return minValue;
    }

    public void setMinValue(Double minValue) {
      this.minValue = minValue;
    }

    public RunbookScenario getScenario() {
      return scenario;
    }

    public void setScenario(RunbookScenario scenario) {
      this.scenario = scenario;
    }

    public RunbookSeverity getSeverity() {
      return severity;
    }

    public void setSeverity(RunbookSeverity severity) {
      this.severity = severity;
    }

    public ClassificationRule.Scope getScope() {
      return scope;
    }

    public void setScope(ClassificationRule.Scope scope) {
      this.scope = scope;
    }

    public String getReason() {
      return reason;
    }

    public void setReason(String reason) {
      this.reason = reason;
    }
  }

  public static class Probes {
    /** A probe whose own calls have failed this long without a success is "blind" (health DOWN, gauge 1). */
    private Duration blindAfter = Duration.ofMinutes(5);

    /**
     * How long each probe part (a table, or a region's call) may take in a round; one that takes longer is reported
     * as timed out. Default: three quarters of the probe interval, so a round stays within its interval.
     */
    private Duration timeout;

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration v) {
      this.timeout = v;
    }

    public Duration getBlindAfter() {
      return blindAfter;
    }

    public void setBlindAfter(Duration v) {
      this.blindAfter = v;
    }

    private Availability availability = new Availability();
    private Integrity integrity = new Integrity();
    private CloudWatch cloudwatch = new CloudWatch();
    private Health health = new Health();
    private Backup backup = new Backup();
    private Breach breach = new Breach();
    private AwsHealth awsHealth = new AwsHealth();

    public AwsHealth getAwsHealth() {
      return awsHealth;
    }

    public void setAwsHealth(AwsHealth v) {
      this.awsHealth = v;
    }

    public Availability getAvailability() {
      return availability;
    }

    public void setAvailability(Availability v) {
      this.availability = v;
    }

    public Integrity getIntegrity() {
      return integrity;
    }

    public void setIntegrity(Integrity v) {
      this.integrity = v;
    }

    public CloudWatch getCloudwatch() {
      return cloudwatch;
    }

    public void setCloudwatch(CloudWatch v) {
      this.cloudwatch = v;
    }

    public Health getHealth() {
      return health;
    }

    public void setHealth(Health v) {
      this.health = v;
    }

    public Backup getBackup() {
      return backup;
    }

    public void setBackup(Backup v) {
      this.backup = v;
    }

    public Breach getBreach() {
      return breach;
    }

    public void setBreach(Breach v) {
      this.breach = v;
    }
  }

  public static class Availability {
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  public static class Integrity {
    private boolean enabled = true;

    /** Items read per table per round (one Scan page). */
    private int sampleSize = 200;

    /** Share of invalid items in the sample above which the table counts as corrupted. */
    private double maxInvalidRatio = 0.0;

    /** The record rules, shared with validation-service (defaults: the seed's PK, SK, entityType). */
    private RuleSetSpec rules = new RuleSetSpec();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getSampleSize() {
      return sampleSize;
    }

    public void setSampleSize(int sampleSize) {
      this.sampleSize = sampleSize;
    }

    public double getMaxInvalidRatio() {
      return maxInvalidRatio;
    }

    public void setMaxInvalidRatio(double v) {
      this.maxInvalidRatio = v;
    }

    public RuleSetSpec getRules() {
      return rules;
    }

    public void setRules(RuleSetSpec rules) {
      this.rules = rules;
    }
  }

  public static class CloudWatch {
    private boolean enabled = false;
    private Duration timeout = Duration.ofSeconds(3);

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** How far back each GetMetricData query looks, and its period. */
    private Duration lookback = Duration.ofMinutes(5);

    private Duration period = Duration.ofMinutes(1);

    /** Metric name to the value (Sum, or Average for latency in ms) above which it is a signal. */
    private Map<String, Double> thresholds =
        new LinkedHashMap<>(
            Map.of(
                "ThrottledRequests",
                10.0,
                "SystemErrors",
                5.0,
                "UserErrors",
                50.0,
                "SuccessfulRequestLatency",
                100.0));

    /** Operations whose latency is watched. */
    private List<String> latencyOperations = new ArrayList<>(List.of("GetItem", "Query"));

    /** Period of the consumed-capacity Sums given as evidence (the seed's get-metric-statistics uses 300 s). */
    private Duration capacityPeriod = Duration.ofSeconds(300);

    private SlowQueries slowQueries = new SlowQueries();

    public Duration getCapacityPeriod() {
      return capacityPeriod;
    }

    public void setCapacityPeriod(Duration v) {
      this.capacityPeriod = v;
    }

    public SlowQueries getSlowQueries() {
      return slowQueries;
    }

    public void setSlowQueries(SlowQueries v) {
      this.slowQueries = v;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getLookback() {
      return lookback;
    }

    public void setLookback(Duration lookback) {
      this.lookback = lookback;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = period;
    }

    public Map<String, Double> getThresholds() {
      return thresholds;
    }

    public void setThresholds(Map<String, Double> thresholds) {
      this.thresholds = thresholds;
    }

    public List<String> getLatencyOperations() {
      return latencyOperations;
    }

    public void setLatencyOperations(List<String> v) {
      this.latencyOperations = v;
    }
  }

  /** The seed's "analyze slow queries": the service's log lines counted as evidence of a performance problem. */
  public static class SlowQueries {
    /** The service's log group (the seed's /aws/lambda/tyler-setup-graphql); unset: not counted. */
    private String logGroup;

    private String filterPattern = "[timestamp, request_id, \"SLOW QUERY\"]";
    private Duration lookback = Duration.ofMinutes(5);

    public String getLogGroup() {
      return logGroup;
    }

    public void setLogGroup(String v) {
      this.logGroup = v;
    }

    public String getFilterPattern() {
      return filterPattern;
    }

    public void setFilterPattern(String v) {
      this.filterPattern = v;
    }

    public Duration getLookback() {
      return lookback;
    }

    public void setLookback(Duration v) {
      this.lookback = v;
    }
  }

  public static class Health {
    /** The service's GraphQL endpoint; unset: the probe is off. */
    private String url;

    /** The region the service runs in, for the incident. */
    private String region = "us-east-1";

    private String query = "{ healthCheck { status database { entities events cache } } }";
    private Duration timeout = Duration.ofSeconds(3);

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }

    public String getQuery() {
      return query;
    }

    public void setQuery(String query) {
      this.query = query;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** The runbook's Scenario 1 evidence: open AWS Health issues for DynamoDB in each target region. */
  public static class AwsHealth {
    private boolean enabled = false;

    /** The AWS Health service name the events are filtered on. */
    private String service = "DYNAMODB";

    /** AWS Health's global endpoint is in us-east-1; requests are signed for it. */
    private String endpointRegion = "us-east-1";

    private Duration timeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getService() {
      return service;
    }

    public void setService(String v) {
      this.service = v;
    }

    public String getEndpointRegion() {
      return endpointRegion;
    }

    public void setEndpointRegion(String v) {
      this.endpointRegion = v;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration v) {
      this.timeout = v;
    }
  }

  public static class Backup {
    private boolean enabled = false;

    /** Also read the last AWS Backup job per table (needs backup:ListBackupJobs). */
    private boolean awsBackupJobs = true;

    /** How far back ListBackupJobs looks for a table's last job (every page of it is read). */
    private Duration jobLookback = Duration.ofDays(7);

    public Duration getJobLookback() {
      return jobLookback;
    }

    public void setJobLookback(Duration v) {
      this.jobLookback = v;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isAwsBackupJobs() {
      return awsBackupJobs;
    }

    public void setAwsBackupJobs(boolean v) {
      this.awsBackupJobs = v;
    }
  }

  public static class Breach {
    private boolean enabled = false;
    private Duration timeout = Duration.ofSeconds(3);

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    private String logGroup = "/aws/cloudtrail";
    private String filterPattern =
        "{ ($.eventSource = \"dynamodb.amazonaws.com\") && (($.eventName = Scan) || ($.eventName = GetItem) || ($.eventName = Query)) }";
    private Duration lookback = Duration.ofMinutes(5);

    /** Scans by one principal within the lookback that count as a burst. */
    private int scanBurstThreshold = 20;

    /** Principals (ARN prefixes) expected to read the tables; any other one reading is suspicious. Empty: only bursts count. */
    private List<String> knownPrincipals = new ArrayList<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getLogGroup() {
      return logGroup;
    }

    public void setLogGroup(String logGroup) {
      this.logGroup = logGroup;
    }

    public String getFilterPattern() {
      return filterPattern;
    }

    public void setFilterPattern(String filterPattern) {
      this.filterPattern = filterPattern;
    }

    public Duration getLookback() {
      return lookback;
    }

    public void setLookback(Duration lookback) {
      this.lookback = lookback;
    }

    public int getScanBurstThreshold() {
      return scanBurstThreshold;
    }

    public void setScanBurstThreshold(int v) {
      this.scanBurstThreshold = v;
    }

    public List<String> getKnownPrincipals() {
      return knownPrincipals;
    }

    public void setKnownPrincipals(List<String> v) {
      this.knownPrincipals = v;
    }
  }

  public static class Webhooks {
    /** Bearer token accepted on the alert webhooks (from the environment, never in files). */
    private String token;

    /** HMAC-SHA256 secret for the X-DR-Signature header (from the environment, never in files). */
    private String hmacSecret;

    /** Region assumed for alerts that name none. */
    private String defaultRegion = "us-east-1";

    /**
     * How far back an alert's own time (startsAt, observedAt, StateChangeTime) may put the impact start; an older one,
     * or one in the future, is clamped and the clamp said in the evidence, so a stale or skewed clock cannot make the
     * measured RTO and RPO meaningless.
     */
    private Duration maxImpactAge = Duration.ofHours(24);

    /** Largest request body any webhook endpoint reads (alerts, maintenance runs); larger ones get 413 unread. */
    private org.springframework.util.unit.DataSize maxBodySize =
        org.springframework.util.unit.DataSize.ofMegabytes(1);

    /** An alert about a table that is not in {@code targets}: accepted and flagged, or refused (422). */
    private UnmanagedTables unmanagedTables = UnmanagedTables.FLAG;

    private Alertmanager alertmanager = new Alertmanager();
    private Sns sns = new Sns();

    public Duration getMaxImpactAge() {
      return maxImpactAge;
    }

    public void setMaxImpactAge(Duration v) {
      this.maxImpactAge = v;
    }

    public org.springframework.util.unit.DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(org.springframework.util.unit.DataSize v) {
      this.maxBodySize = v;
    }

    public UnmanagedTables getUnmanagedTables() {
      return unmanagedTables;
    }

    public void setUnmanagedTables(UnmanagedTables v) {
      this.unmanagedTables = v;
    }

    public Alertmanager getAlertmanager() {
      return alertmanager;
    }

    public void setAlertmanager(Alertmanager v) {
      this.alertmanager = v;
    }

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }

    public String getHmacSecret() {
      return hmacSecret;
    }

    public void setHmacSecret(String hmacSecret) {
      this.hmacSecret = hmacSecret;
    }

    public String getDefaultRegion() {
      return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
      this.defaultRegion = defaultRegion;
    }

    public Sns getSns() {
      return sns;
    }

    public void setSns(Sns sns) {
      this.sns = sns;
    }
  }

  public static class Sns {
    /** Host pattern a SigningCertURL must match (https only unless allow-http-cert-url). */
    private String certHostPattern = "^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$";

    private boolean allowHttpCertUrl = false;

    /**
     * A trusted signing certificate (PEM). Set: every SNS message is verified against it and no certificate is
     * fetched (the sandbox and tests sign their own messages). Unset: the certificate is fetched from the message's
     * SigningCertURL, which must be an SNS host, and cached by URL.
     */
    private String certificatePem;

    public String getCertificatePem() {
      return certificatePem;
    }

    public void setCertificatePem(String v) {
      this.certificatePem = v;
    }

    /** Topics whose messages are accepted; empty: any topic with a valid signature. */
    private List<String> topicArns = new ArrayList<>();

    /** Confirm subscriptions by fetching the SubscribeURL (must match the same host pattern). */
    private boolean autoConfirm = true;

    /** CloudWatch metric of an alarm to the detector's signal; other alarms become cloudwatch-alarm:<AlarmName>. */
    private Map<String, String> metricSignals =
        new LinkedHashMap<>(
            Map.of(
                "ThrottledRequests",
                "throttling",
                "ReadThrottleEvents",
                "throttling",
                "WriteThrottleEvents",
                "throttling",
                "SystemErrors",
                "system-errors",
                "UserErrors",
                "user-errors",
                "SuccessfulRequestLatency",
                "high-latency"));

    public Map<String, String> getMetricSignals() {
      return metricSignals;
    }

    public void setMetricSignals(Map<String, String> v) {
      this.metricSignals = v;
    }

    public String getCertHostPattern() {
      return certHostPattern;
    }

    public void setCertHostPattern(String v) {
      this.certHostPattern = v;
    }

    public boolean isAllowHttpCertUrl() {
      return allowHttpCertUrl;
    }

    public void setAllowHttpCertUrl(boolean v) {
      this.allowHttpCertUrl = v;
    }

    public List<String> getTopicArns() {
      return topicArns;
    }

    public void setTopicArns(List<String> v) {
      this.topicArns = v;
    }

    public boolean isAutoConfirm() {
      return autoConfirm;
    }

    public void setAutoConfirm(boolean v) {
      this.autoConfirm = v;
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

  public static class Alertmanager {
    /** Value of an alert's {@code severity} label (case-insensitive) to the runbook's severity; others are ignored. */
    private Map<String, RunbookSeverity> severities =
        new LinkedHashMap<>(
            Map.of(
                "critical",
                RunbookSeverity.P1,
                "high",
                RunbookSeverity.P2,
                "error",
                RunbookSeverity.P2,
                "warning",
                RunbookSeverity.P3,
                "medium",
                RunbookSeverity.P3,
                "low",
                RunbookSeverity.P4,
                "info",
                RunbookSeverity.P4));

    private SeverityMode severityMode = SeverityMode.HIGHEST;

    public Map<String, RunbookSeverity> getSeverities() {
      return severities;
    }

    public void setSeverities(Map<String, RunbookSeverity> v) {
      this.severities = v;
    }

    public SeverityMode getSeverityMode() {
      return severityMode;
    }

    public void setSeverityMode(SeverityMode v) {
      this.severityMode = v;
    }
  }

  public static class Sandbox {
    /** For the sandbox drill only: opens {@code POST /maintenance/runs} without credentials. */
    private boolean enabled = false;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The runbook's maintenance procedures, started on their schedules (and on demand) as detections. */
  public static class Maintenance {
    /** Off: no scheduled runs (on-demand runs stay available). */
    private boolean enabled = true;

    /** The time zone the cron expressions are read in. */
    private String zone = "UTC";

    /** How often the schedules are checked: a run starts at most this long after its cron time. */
    private Duration checkInterval = Duration.ofSeconds(30);

    private Procedure backupVerification = new Procedure("0 0 3 1 * *");
    private Procedure drDrill = new Procedure("0 0 4 1 1,4,7,10 *");

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }

    public Duration getCheckInterval() {
      return checkInterval;
    }

    public void setCheckInterval(Duration v) {
      this.checkInterval = v;
    }

    public Procedure getBackupVerification() {
      return backupVerification;
    }

    public void setBackupVerification(Procedure v) {
      this.backupVerification = v;
    }

    public Procedure getDrDrill() {
      return drDrill;
    }

    public void setDrDrill(Procedure v) {
      this.drDrill = v;
    }
  }

  public static class Procedure {
    /** Spring cron (second minute hour day-of-month month day-of-week); "-" switches this one procedure off. */
    private String cron;

    /** The table it runs against; default: the first target's first table. */
    private String table;

    /** The table's region; default: the first target's region. */
    private String region;

    public Procedure() {}

    Procedure(String cron) {
      this.cron = cron;
    }

    public String getCron() {
      return cron;
    }

    public void setCron(String cron) {
      this.cron = cron;
    }

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }
  }

  public String getDetectorId() {
    return detectorId;
  }

  public void setDetectorId(String detectorId) {
    this.detectorId = detectorId;
  }

  public Duration getProbeInterval() {
    return probeInterval;
  }

  public void setProbeInterval(Duration probeInterval) {
    this.probeInterval = probeInterval;
  }

  public Duration getInitialDelay() {
    return initialDelay;
  }

  public Duration getProbeTimeout() {
    return probeTimeout;
  }

  public void setProbeTimeout(Duration probeTimeout) {
    this.probeTimeout = probeTimeout;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  public List<Target> getTargets() {
    return targets;
  }

  public void setTargets(List<Target> targets) {
    this.targets = targets;
  }

  public Damping getDamping() {
    return damping;
  }

  public void setDamping(Damping damping) {
    this.damping = damping;
  }

  public Correlation getCorrelation() {
    return correlation;
  }

  public void setCorrelation(Correlation correlation) {
    this.correlation = correlation;
  }

  public List<Rule> getRules() {
    return rules;
  }

  public void setRules(List<Rule> rules) {
    this.rules = rules;
  }

  public Probes getProbes() {
    return probes;
  }

  public void setProbes(Probes probes) {
    this.probes = probes;
  }

  public Webhooks getWebhooks() {
    return webhooks;
  }

  public void setWebhooks(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  public Sandbox getSandbox() {
    return sandbox;
  }

  public void setSandbox(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  public Maintenance getMaintenance() {
    return maintenance;
  }

  public void setMaintenance(Maintenance maintenance) {
    this.maintenance = maintenance;
  }
}
