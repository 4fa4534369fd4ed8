package io.drautopilot.notifier.config;

import io.drautopilot.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.notifier.*}. Every setting has a default; the contact table, escalation matrix, routes and
 * templates default to the runbook's ({@link RunbookDefaults}) when left empty. Webhook URLs, routing
 * keys, tokens and passwords come from configuration or the environment and are redacted wherever
 * text reaches a log or an event.
 *
 * @param channels        per-channel settings
 * @param retry           a delivery's tries on its channel
 * @param contacts        the emergency contact table; empty: the runbook's
 * @param escalation      the escalation matrix; empty: the runbook's
 * @param routes          which channels and extra roles an incident's severity or scenario is sent to;
 *                        empty: the runbook's
 * @param defaultChannels the channels of an incident no route matches
 * @param templates       message templates by id, overriding or extending the runbook's
 * @param report          where reports go and the targets they are measured against
 * @param archive         closed incidents archived beyond Kafka's retention
 */
@ConfigurationProperties("dr.notifier")
public record NotifierProperties(
    @DefaultValue Channels channels,
    @DefaultValue Retry retry,
    @DefaultValue List<ContactProperties> contacts,
    @DefaultValue List<LevelProperties> escalation,
    @DefaultValue List<RouteProperties> routes,
    @DefaultValue({"email", "slack", "webhook"}) List<String> defaultChannels,
    @DefaultValue Map<String, TemplateProperties> templates,
    @DefaultValue Report report,
    @DefaultValue Archive archive) {

  public NotifierProperties {
    contacts = listOf(contacts);
    escalation = listOf(escalation);
    routes = listOf(routes);
    defaultChannels = listOf(defaultChannels);
    templates =
        templates == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(templates)); // in configured order
  }

  /**
   * Per-channel settings. A channel is used only when enabled and routed.
   *
   * @param confidential channels that may carry a breach incident's subjects (principal, access key id,
   *                     source IP) unmasked, e.g. {@code [email]} when mail goes to the security team only.
   *                     Every other channel gets them as {@code [redacted: confidential channels only]}.
   *                     Empty by default.
   */
  public record Channels(
      @DefaultValue Email email,
      @DefaultValue Sns sns,
      @DefaultValue Sms sms,
      @DefaultValue Webhook slack,
      @DefaultValue PagerDuty pagerduty,
      @DefaultValue Webhook webhook,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue Set<String> confidential) {

    public Channels {
      confidential = setOf(confidential);
    }
  }

  /** Mail through an SMTP server; {@code password} is a secret. */
  public record Email(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("localhost") String host,
      @DefaultValue("25") int port,
      String username,
      String password,
      boolean startTls,
      @DefaultValue("dr-autopilot@localhost") String from) {

    @Override
    public String toString() {
      return "Email[enabled=" + enabled + ", host=" + host + ", port=" + port + ", password=***]";
    }
  }

  /** Publishes to an SNS topic; the region defaults to the topic ARN's. */
  public record Sns(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("arn:aws:sns:us-east-1:000000000000:tyler-setup-emergency-alerts")
          String topicArn,
      String region) {}

  /**
   * SMS to contacts' phones through SNS, on the SNS channel's client (off by default: texting is a
   * deployment's choice).
   */
  public record Sms(boolean enabled) {}

  /** A webhook channel; {@code url} and {@code token} are secrets. */
  public record Webhook(boolean enabled, String url, String token) {

    @Override
    public String toString() {
      return "Webhook[enabled=" + enabled + ", url=***, token=***]";
    }
  }

  /** PagerDuty Events API v2; {@code routingKey} is a secret. */
  public record PagerDuty(
      boolean enabled,
      @DefaultValue("https://events.pagerduty.com/v2/enqueue") String url,
      String routingKey,
      @DefaultValue("dr-autopilot") String source) {

    @Override
    public String toString() {
      return "PagerDuty[enabled=" + enabled + ", routingKey=***]";
    }
  }

  /**
   * Exponential backoff between tries ({@code initial-backoff}, {@code multiplier}, {@code
   * max-backoff}), the same settings wherever something is retried, each with its own defaults.
   */
  public interface Backoff {
    Duration initialBackoff();

    double multiplier();

    Duration maxBackoff();
  }

  /** A delivery's tries on its channel. */
  public record Retry(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("500ms") Duration initialBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("10s") Duration maxBackoff)
      implements Backoff {}

  /**
   * One row of the emergency contact table.
   *
   * @param roles further roles this row's people hold (e.g. {@code security-officer}, a containment
   *              gate's approvers)
   */
  public record ContactProperties(
      String role,
      String primary,
      String secondary,
      String phone,
      String email,
      @DefaultValue List<String> roles) {

    public ContactProperties {
      roles = listOf(roles);
    }
  }

  /** One level of the escalation matrix; {@code toMinutes} unset: open-ended. */
  public record LevelProperties(
      int level,
      String target,
      @DefaultValue List<String> roles,
      int fromMinutes,
      Integer toMinutes) {

    public LevelProperties {
      roles = listOf(roles);
    }
  }

  /** A route: the incidents it matches, and the channels and extra roles they are sent to. */
  public record RouteProperties(
      String name,
      @DefaultValue Set<String> severities,
      @DefaultValue Set<String> scenarios,
      @DefaultValue Set<Integer> levels,
      @DefaultValue List<String> channels,
      @DefaultValue List<String> extraRoles) {

    public RouteProperties {
      severities = setOf(severities);
      scenarios = setOf(scenarios);
      levels = setOf(levels);
      channels = listOf(channels);
      extraRoles = listOf(extraRoles);
    }
  }

  /** A message template ({@code {{placeholders}}} filled from the incident). */
  public record TemplateProperties(String subject, String body) {}

  /**
   * Where reports go and the targets they are measured against.
   *
   * @param directory                where reports are written; default {@code build/incident-reports}
   * @param logTopics                the topics the report reads (the incident's log); only observed,
   *                                 never dead-lettered from here; default {@link #defaultLogTopics()}
   * @param availabilityTarget       the availability SLA in percent (the seed's 99.99 %), tracked per
   *                                 calendar month (UTC)
   * @param readinessHistoryPerScope how many readiness assessments are kept per scope, so a report finds
   *                                 the one before its incident
   */
  public record Report(
      Path directory,
      @DefaultValue("15m") Duration rtoTarget,
      @DefaultValue("5m") Duration rpoTarget,
      @DefaultValue("900s") Duration backupRestoreTarget,
      @DefaultValue("900s") Duration drillRecoveryTarget,
      @DefaultValue("10s") Duration catchUpTimeout,
      @DefaultValue("") String mermaidScriptUrl,
      List<String> logTopics,
      @DefaultValue Projection projection,
      @DefaultValue("99.99") double availabilityTarget,
      @DefaultValue("50") int readinessHistoryPerScope) {

    public Report {
      if (directory == null) {
        directory = Path.of("build", "incident-reports");
      }
      logTopics = logTopics == null ? defaultLogTopics() : List.copyOf(logTopics);
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

  /**
   * Closed incidents archived beyond Kafka's retention; off while {@code location} is unset.
   *
   * @param location   a directory or {@code s3://bucket/prefix}; unset means no archive
   * @param region     region of the archive's S3 client; unset takes {@code dr.aws.region}
   * @param settleTime wait after the incident's close before reading its records, so records of other
   *                   topics still in flight when the close was read (a last delivery attempt, a late
   *                   result) are in the archive too
   */
  public record Archive(
      String location,
      String region,
      @DefaultValue("5s") Duration settleTime,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("5m") Duration maxBackoff)
      implements Backoff {}

  /**
   * The incident-log projection (a Kafka Streams application). Its store is changelogged to the
   * compacted topic {@code <application-id>-events-changelog}.
   *
   * @param instanceId        stable per instance (e.g. the pod name): a restart under the same id resumes
   *                          at once; default the {@code HOSTNAME} environment variable, else
   *                          {@code notifier}
   * @param stateDir          local state (RocksDB); kept across restarts so they resume, rebuilt from the
   *                          changelog when lost; default {@code dr-notifier-incident-log} in
   *                          {@code java.io.tmpdir}
   * @param replicationFactor replication of the changelog topic; -1 takes the broker default
   */
  public record Projection(
      @DefaultValue("notifier-incident-log") String applicationId,
      String instanceId,
      Path stateDir,
      @DefaultValue("1s") Duration commitInterval,
      @DefaultValue("-1") int replicationFactor) {

    public Projection {
      if (instanceId == null) {
        instanceId = System.getenv().getOrDefault("HOSTNAME", "notifier");
      }
      if (stateDir == null) {
        stateDir = Path.of(System.getProperty("java.io.tmpdir"), "dr-notifier-incident-log");
      }
    }
  }

  private static <T> List<T> listOf(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  /** Unmodifiable, in configured order (shown in logs as configured). */
  private static <T> Set<T> setOf(Set<T> values) {
    return values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }
}
