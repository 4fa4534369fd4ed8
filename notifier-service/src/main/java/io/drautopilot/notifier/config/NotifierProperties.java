package io.drautopilot.notifier.config;

import io.drautopilot.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dr.notifier.*}. Every setting has a default; the contact table, escalation matrix, routes and
 * templates default to the runbook's ({@link RunbookDefaults}) when left empty. Webhook URLs, routing
 * keys, tokens and passwords come from configuration or the environment and are redacted wherever
 * text reaches a log or an event.
 */
@ConfigurationProperties("dr.notifier")
public class NotifierProperties {

  private final Channels channels = new Channels();
  private final Retry retry = new Retry();
  private List<ContactProperties> contacts = new ArrayList<>();
  private List<LevelProperties> escalation = new ArrayList<>();
  private List<RouteProperties> routes = new ArrayList<>();
  private List<String> defaultChannels = new ArrayList<>(List.of("email", "slack", "webhook"));
  private Map<String, TemplateProperties> templates = new LinkedHashMap<>();
  private final Report report = new Report();
  private final Archive archive = new Archive();

  public Archive getArchive() {
    return archive;
  }

  public Channels getChannels() {
    return channels;
  }

  public Retry getRetry() {
    return retry;
  }

  public List<ContactProperties> getContacts() {
    return contacts;
  }

  public void setContacts(List<ContactProperties> contacts) {
    this.contacts = contacts;
  }

  public List<LevelProperties> getEscalation() {
    return escalation;
  }

  public void setEscalation(List<LevelProperties> escalation) {
    this.escalation = escalation;
  }

  public List<RouteProperties> getRoutes() {
    return routes;
  }

  public void setRoutes(List<RouteProperties> routes) {
    this.routes = routes;
  }

  public List<String> getDefaultChannels() {
    return defaultChannels;
  }

  public void setDefaultChannels(List<String> defaultChannels) {
    this.defaultChannels = defaultChannels;
  }

  public Map<String, TemplateProperties> getTemplates() {
    return templates;
  }

  public void setTemplates(Map<String, TemplateProperties> templates) {
    this.templates = templates;
  }

  public Report getReport() {
    return report;
  }

  /** Per-channel settings. A channel is used only when enabled and routed. */
  public static class Channels {
    private final Email email = new Email();
    private final Sns sns = new Sns();
    private final Sms sms = new Sms();
    private final Webhook slack = new Webhook();
    private final PagerDuty pagerduty = new PagerDuty();
    private final Webhook webhook = new Webhook();
    private Duration timeout = Duration.ofSeconds(10);

    /**
     * Channels that may carry a breach incident's subjects (principal, access key id, source IP)
     * unmasked, e.g. {@code [email]} when mail goes to the security team only. Every other channel
     * gets them as {@code [redacted: confidential channels only]}. Empty by default.
     */
    private Set<String> confidential = new LinkedHashSet<>();

    public Email getEmail() {
      return email;
    }

    public Sns getSns() {
      return sns;
    }

    public Sms getSms() {
      return sms;
    }

    public Webhook getSlack() {
      return slack;
    }

    public PagerDuty getPagerduty() {
      return pagerduty;
    }

    public Webhook getWebhook() {
      return webhook;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Set<String> getConfidential() {
      return confidential;
    }

    public void setConfidential(Set<String> confidential) {
      this.confidential = confidential;
    }
  }

  public static class Email {
    private boolean enabled = true;
    private String host = "localhost";
    private int port = 25;
    private String username;
    private String password;
    private boolean startTls;
    private String from = "dr-autopilot@localhost";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public boolean isStartTls() {
      return startTls;
    }

    public void setStartTls(boolean startTls) {
      this.startTls = startTls;
    }

    public String getFrom() {
      return from;
    }

    public void setFrom(String from) {
      this.from = from;
    }

    @Override
    public String toString() {
      return "Email[enabled=" + enabled + ", host=" + host + ", port=" + port + ", password=***]";
    }
  }

  public static class Sns {
    private boolean enabled = true;
    private String topicArn = "arn:aws:sns:us-east-1:000000000000:tyler-setup-emergency-alerts";
    private String region;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getTopicArn() {
      return topicArn;
    }

    public void setTopicArn(String topicArn) {
      this.topicArn = topicArn;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }
  }

  /** SMS to contacts' phones through SNS, on the SNS channel's client (off by default: texting is a deployment's choice). */
  public static class Sms {
    private boolean enabled;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** A webhook channel; {@code url} and {@code token} are secrets. */
  public static class Webhook {
    private boolean enabled;
    private String url;
    private String token;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }

    @Override
    public String toString() {
      return "Webhook[enabled=" + enabled + ", url=***, token=***]";
    }
  }

  /** PagerDuty Events API v2; {@code routingKey} is a secret. */
  public static class PagerDuty {
    private boolean enabled;
    private String url = "https://events.pagerduty.com/v2/enqueue";
    private String routingKey;
    private String source = "dr-autopilot";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getRoutingKey() {
      return routingKey;
    }

    public void setRoutingKey(String routingKey) {
      this.routingKey = routingKey;
    }

    public String getSource() {
      return source;
    }

    public void setSource(String source) {
      this.source = source;
    }

    @Override
    public String toString() {
      return "PagerDuty[enabled=" + enabled + ", routingKey=***]";
    }
  }

  /**
   * Exponential backoff between tries ({@code initial-backoff}, {@code multiplier}, {@code
   * max-backoff}), the same settings wherever something is retried, each with its own defaults.
   */
  public static class Backoff {
    private Duration initialBackoff;
    private double multiplier = 2.0;
    private Duration maxBackoff;

    Backoff(Duration initialBackoff, Duration maxBackoff) {
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(double multiplier) {
      this.multiplier = multiplier;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** A delivery's tries on its channel. */
  public static class Retry extends Backoff {
    private int maxAttempts = 3;

    public Retry() {
      super(Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }
  }

  public static class ContactProperties {
    private String role;
    private String primary;
    private String secondary;
    private String phone;
    private String email;
    private List<String> roles = new ArrayList<>();

    public ContactProperties() {}

    ContactProperties(
        String role,
        String primary,
        String secondary,
        String phone,
        String email,
        List<String> roles) {
      this.role = role;
      this.primary = primary;
      this.secondary = secondary;
      this.phone = phone;
      this.email = email;
      this.roles = new ArrayList<>(roles);
    }

    public String getRole() {
      return role;
    }

    public void setRole(String role) {
      this.role = role;
    }

    public String getPrimary() {
      return primary;
    }

    public void setPrimary(String primary) {
      this.primary = primary;
    }

    public String getSecondary() {
      return secondary;
    }

    public void setSecondary(String secondary) {
      this.secondary = secondary;
    }

    public String getPhone() {
      return phone;
    }

    public void setPhone(String phone) {
      this.phone = phone;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    /** Further roles this row's people hold (e.g. {@code security-officer}, a containment gate's approvers). */
    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles == null ? new ArrayList<>() : roles;
    }
  }

  public static class LevelProperties {
    private int level;
    private String target;
    private List<String> roles = new ArrayList<>();
    private int fromMinutes;
    private Integer toMinutes;

    public LevelProperties() {}

    LevelProperties(
        int level, String target, List<String> roles, int fromMinutes, Integer toMinutes) {
      this.level = level;
      this.target = target;
      this.roles = roles;
      this.fromMinutes = fromMinutes;
      this.toMinutes = toMinutes;
    }

    public int getLevel() {
      return level;
    }

    public void setLevel(int level) {
      this.level = level;
    }

    public String getTarget() {
      return target;
    }

    public void setTarget(String target) {
      this.target = target;
    }

    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles;
    }

    public int getFromMinutes() {
      return fromMinutes;
    }

    public void setFromMinutes(int fromMinutes) {
      this.fromMinutes = fromMinutes;
    }

    public Integer getToMinutes() {
      return toMinutes;
    }

    public void setToMinutes(Integer toMinutes) {
      this.toMinutes = toMinutes;
    }
  }

  public static class RouteProperties {
    private String name;
    private Set<String> severities = new LinkedHashSet<>();
    private Set<String> scenarios = new LinkedHashSet<>();
    private Set<Integer> levels = new LinkedHashSet<>();
    private List<String> channels = new ArrayList<>();
    private List<String> extraRoles = new ArrayList<>();

    public RouteProperties() {}

    RouteProperties(
        String name,
        Set<String> severities,
        Set<String> scenarios,
        List<String> channels,
        List<String> extraRoles) {
      this.name = name;
      this.severities = severities;
      this.scenarios = scenarios;
      this.channels = channels;
      this.extraRoles = extraRoles;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Set<String> getSeverities() {
      return severities;
    }

    public void setSeverities(Set<String> severities) {
      this.severities = severities;
    }

    public Set<String> getScenarios() {
      return scenarios;
    }

    public void setScenarios(Set<String> scenarios) {
      this.scenarios = scenarios;
    }

    public Set<Integer> getLevels() {
      return levels;
    }

    public void setLevels(Set<Integer> levels) {
      this.levels = levels;
    }

    public List<String> getChannels() {
      return channels;
    }

    public void setChannels(List<String> channels) {
      this.channels = channels;
    }

    public List<String> getExtraRoles() {
      return extraRoles;
    }

    public void setExtraRoles(List<String> extraRoles) {
      this.extraRoles = extraRoles;
    }
  }

  public static class TemplateProperties {
    private String subject;
    private String body;

    public TemplateProperties() {}

    TemplateProperties(String subject, String body) {
      this.subject = subject;
      this.body = body;
    }

    public String getSubject() {
      return subject;
    }

    public void setSubject(String subject) {
      this.subject = subject;
    }

    public String getBody() {
      return body;
    }

    public void setBody(String body) {
      this.body = body;
    }
  }

  /** Where reports go and the targets they are measured against. */
  public static class Report {
    private Path directory = Path.of("build", "incident-reports");
    private Duration rtoTarget = Duration.ofMinutes(15);
    private Duration rpoTarget = Duration.ofMinutes(5);
    private Duration backupRestoreTarget = Duration.ofSeconds(900);
    private Duration drillRecoveryTarget = Duration.ofSeconds(900);
    private Duration catchUpTimeout = Duration.ofSeconds(10);
    private String mermaidScriptUrl = "";

    /** The topics the report reads (the incident's log); only observed, never dead-lettered from here. */
    private List<String> logTopics = new ArrayList<>(defaultLogTopics());

    private final Projection projection = new Projection();

    /** The availability SLA in percent (the seed's 99.99 %), tracked per calendar month (UTC). */
    private double availabilityTarget = 99.99;

    /** How many readiness assessments are kept per scope, so a report finds the one before its incident. */
    private int readinessHistoryPerScope = 50;

    public double getAvailabilityTarget() {
      return availabilityTarget;
    }

    public void setAvailabilityTarget(double v) {
      this.availabilityTarget = v;
    }

    public int getReadinessHistoryPerScope() {
      return readinessHistoryPerScope;
    }

    public void setReadinessHistoryPerScope(int v) {
      this.readinessHistoryPerScope = v;
    }

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public Duration getRtoTarget() {
      return rtoTarget;
    }

    public void setRtoTarget(Duration rtoTarget) {
      this.rtoTarget = rtoTarget;
    }

    public Duration getRpoTarget() {
      return rpoTarget;
    }

    public void setRpoTarget(Duration rpoTarget) {
      this.rpoTarget = rpoTarget;
    }

    public Duration getBackupRestoreTarget() {
      return backupRestoreTarget;
    }

    public void setBackupRestoreTarget(Duration backupRestoreTarget) {
      this.backupRestoreTarget = backupRestoreTarget;
    }

    public Duration getDrillRecoveryTarget() {
      return drillRecoveryTarget;
    }

    public void setDrillRecoveryTarget(Duration drillRecoveryTarget) {
      this.drillRecoveryTarget = drillRecoveryTarget;
    }

    public Duration getCatchUpTimeout() {
      return catchUpTimeout;
    }

    public void setCatchUpTimeout(Duration catchUpTimeout) {
      this.catchUpTimeout = catchUpTimeout;
    }

    public String getMermaidScriptUrl() {
      return mermaidScriptUrl;
    }

    public void setMermaidScriptUrl(String mermaidScriptUrl) {
      this.mermaidScriptUrl = mermaidScriptUrl;
    }

    public List<String> getLogTopics() {
      return logTopics;
    }

    public void setLogTopics(List<String> logTopics) {
      this.logTopics = logTopics;
    }

    public Projection getProjection() {
      return projection;
    }
  }

  /**
   * Every topic of the catalog that carries records about an incident: all but the dead-letter topics,
   * the clock (no incident) and the compacted command ledger (handlers' bookkeeping). Derived, so a new
   * handler's command topic is read (reported and archived) as soon as it is in the catalog.
   */
  public static List<String> defaultLogTopics() {
    return Topics.ALL.stream()
        .filter(t -> !t.isDeadLetter())
        .filter(t -> t.cleanupPolicy() != Topics.CleanupPolicy.COMPACT)
        .map(Topics.TopicSpec::name)
        .filter(name -> !name.equals(Topics.CLOCK_TICKS))
        .toList();
  }

  /** Closed incidents archived beyond Kafka's retention; off while {@code location} is unset. */
  public static class Archive extends Backoff {
    /** A directory or {@code s3://bucket/prefix}; unset means no archive. */
    private String location;

    /** Region of the archive's S3 client; unset takes {@code dr.aws.region}. */
    private String region;

    /**
     * Wait after the incident's close before reading its records, so records of other topics still in
     * flight when the close was read (a last delivery attempt, a late result) are in the archive too.
     */
    private Duration settleTime = Duration.ofSeconds(5);

    public Archive() {
      super(Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    public String getLocation() {
      return location;
    }

    public void setLocation(String location) {
      this.location = location;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }

    public Duration getSettleTime() {
      return settleTime;
    }

    public void setSettleTime(Duration settleTime) {
      this.settleTime = settleTime;
    }
  }

  /**
   * The incident-log projection (a Kafka Streams application). Its store is changelogged to the
   * compacted topic {@code <application-id>-events-changelog}.
   */
  public static class Projection {
    private String applicationId = "notifier-incident-log";

    /** Stable per instance (e.g. the pod name): a restart under the same id resumes at once. */
    private String instanceId = System.getenv().getOrDefault("HOSTNAME", "notifier");

    /** Local state (RocksDB); kept across restarts so they resume, rebuilt from the changelog when lost. */
    private Path stateDir =
        Path.of(System.getProperty("java.io.tmpdir"), "dr-notifier-incident-log");

    private Duration commitInterval = Duration.ofSeconds(1);

    /** Replication of the changelog topic; -1 takes the broker default. */
    private int replicationFactor = -1;

    public String getApplicationId() {
      return applicationId;
    }

    public void setApplicationId(String applicationId) {
      this.applicationId = applicationId;
    }

    public String getInstanceId() {
      return instanceId;
    }

    public void setInstanceId(String instanceId) {
      this.instanceId = instanceId;
    }

    public Path getStateDir() {
      return stateDir;
    }

    public void setStateDir(Path stateDir) {
      this.stateDir = stateDir;
    }

    public Duration getCommitInterval() {
      return commitInterval;
    }

    public void setCommitInterval(Duration commitInterval) {
      this.commitInterval = commitInterval;
    }

    public int getReplicationFactor() {
      return replicationFactor;
    }

    public void setReplicationFactor(int replicationFactor) {
      this.replicationFactor = replicationFactor;
    }
  }
}
