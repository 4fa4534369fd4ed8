package io.drautopilot.orchestrator.config;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the orchestrator can be told, under {@code dr.orchestrator.*}; every value has a
 * default so the service starts with none set.
 *
 * @param routes handler prefix → command topic; added to (and overriding) restore, validation and
 *     notifier
 * @param variables runbook variable overrides (table, function, hosted zone, snapshot location,
 *     health URL...)
 * @param runbooksDirectory extra runbook directory read after the built-in {@code runbooks/*.yml}
 * @param protectedResourcesFile the protected-resources catalogue (per table: functions, variables,
 *     vault, caches, health URL); unset: the built-in one
 * @param tickInterval how often the clock ticks (one ClockTicked per partition of dr.clock.ticks)
 * @param tickerEnabled whether this instance ticks the clock
 * @param timeScale multiplies every runbook duration (timeouts, backoff, approval deadlines); below
 *     1 runs faster
 * @param escalation escalation matrix; empty means the seed runbook's 0/15/30/60 minutes
 * @param escalationAction the action that pages an escalation level
 * @param severities per severity (P1..P4) its RTO and response window; any not given keeps the
 *     seed's (P1 15m/15m, P2 1h/30m, P3 4h/2h, P4 24h/8h)
 * @param failedRepageEvery how often a failed recovery nobody has acknowledged is paged again
 * @param businessHours the working hours a P4's response window counts ("within business hours")
 * @param publicUrl base URL of this API as people reach it (e.g. https://dr.example.com), for the
 *     links in notices; unset: no links
 * @param closedIncidentRetention how long a closed incident stays in the query store (REST) after
 *     its last event; the log keeps it
 * @param streams the Kafka Streams topology
 * @param security who may call the API
 * @param maxRequestSize largest request body any HTTP endpoint accepts; a larger one is refused
 *     with 413 before it is read
 */
@ConfigurationProperties("dr.orchestrator")
public record OrchestratorProperties(
    @DefaultValue Map<String, String> routes,
    @DefaultValue Map<String, String> variables,
    Path runbooksDirectory,
    Path protectedResourcesFile,
    @DefaultValue("1s") Duration tickInterval,
    @DefaultValue("true") boolean tickerEnabled,
    @DefaultValue("1.0") double timeScale,
    @DefaultValue List<Level> escalation,
    @DefaultValue("notifier.notifyContacts") String escalationAction,
    @DefaultValue Map<String, SeverityTarget> severities,
    @DefaultValue("15m") Duration failedRepageEvery,
    @DefaultValue BusinessHours businessHours,
    String publicUrl,
    @DefaultValue("30d") Duration closedIncidentRetention,
    @DefaultValue Streams streams,
    @DefaultValue Security security,
    @DefaultValue("256KB") DataSize maxRequestSize) {

  public OrchestratorProperties {
    routes = ordered(routes);
    variables = ordered(variables);
    escalation = escalation == null ? List.of() : List.copyOf(escalation);
    severities = ordered(severities);
  }

  /** An unmodifiable copy, in the order the entries were bound. */
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * One severity's targets; either left unset keeps the seed's.
   *
   * @param rto the recovery time objective
   * @param respondWithin how soon someone must acknowledge
   */
  public record SeverityTarget(Duration rto, Duration respondWithin) {}

  /**
   * @param days the working days
   * @param start when a working day starts
   * @param end when it ends (after {@code start})
   * @param zone the time zone of {@code start} and {@code end}
   */
  public record BusinessHours(
      @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> days,
      @DefaultValue("09:00") LocalTime start,
      @DefaultValue("17:00") LocalTime end,
      @DefaultValue("UTC") ZoneId zone) {

    public BusinessHours {
      days = days == null ? List.of() : List.copyOf(days);
    }
  }

  /**
   * One level of the escalation matrix.
   *
   * @param level its number (1 first)
   * @param after how long after the incident opened, unacknowledged, it is paged
   * @param target who is paged
   */
  public record Level(int level, @DefaultValue("0s") Duration after, String target) {}

  /**
   * The Kafka Streams topology (defaults quoted in docs/benchmarks.md).
   *
   * @param enabled without it, the service answers incident queries with 503
   * @param applicationId the Streams application id (consumer group, internal topics' prefix)
   * @param stateDir local state (RocksDB); rebuilt from the changelog topics when lost; unset: {@code
   *     dr-orchestrator-streams} in the temporary directory
   * @param commitInterval Kafka Streams' commit interval: how often the work that asked for no early
   *     commit (the timeline read back for closures, ticks that changed nothing) is committed; under
   *     load, how many records one transaction carries
   * @param earlyCommitSpacing a busy stream thread (many steps ready together) asks for a commit of
   *     their outputs at most once per this spacing; a quiet one (a few steps) at once, at most once
   *     per eighth of it: lower step latency, more transactions under load. 0: on the commit
   *     interval only (fewer, larger transactions; see docs/benchmarks.md)
   * @param replicationFactor replication of internal topics (changelogs, repartitions); -1 takes the
   *     broker default
   * @param numStreamThreads the stream threads of this instance
   * @param advertisedEndpoint host:port at which the other orchestrator instances reach this one's
   *     HTTP API (Kafka Streams' {@code application.server}), e.g. {@code $(POD_IP):8080}. With
   *     several instances each holds the incidents of its partitions; set it on every instance so a
   *     request for any incident is answered wherever it arrives. Unset: a single instance
   *     answering from its own store
   */
  public record Streams(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("dr-orchestrator") String applicationId,
      Path stateDir,
      @DefaultValue("100ms") Duration commitInterval,
      @DefaultValue("40ms") Duration earlyCommitSpacing,
      @DefaultValue("-1") int replicationFactor,
      @DefaultValue("1") int numStreamThreads,
      String advertisedEndpoint) {

    public Streams {
      if (stateDir == null) {
        stateDir = Path.of(System.getProperty("java.io.tmpdir"), "dr-orchestrator-streams");
      }
    }
  }

  /**
   * Who may call the API. Tokens come from an OpenID Connect issuer ({@code issuer}: its URI; keys
   * from its JWKS, RS256/ES256); a shared HMAC secret is a development option only, off by default.
   * With neither, the service runs (the engine needs no caller) but every API request is refused
   * with 401 and the reason, and start-up logs a warning.
   *
   * @param issuer the OpenID Connect issuer URI (e.g. https://login.example.com/realms/dr); tokens
   *     must carry it as {@code iss}
   * @param jwkSetUri the issuer's JWKS URL, to skip discovery ({@code
   *     <issuer>/.well-known/openid-configuration})
   * @param audience when set, a token's {@code aud} must contain it
   * @param jwsAlgorithms signature algorithms accepted from the issuer
   * @param jwksCacheTtl how long the issuer's keys are cached; a token signed by a key not in the
   *     cache refetches them at once
   * @param jwksMinRefetchInterval fetches of the issuer's keys are at least this far apart (a flood
   *     of unknown key ids does not flood the issuer)
   * @param roleClaim claim holding the caller's roles: an array of strings, or one space-separated
   *     string
   * @param responderRole role needed to acknowledge and cancel (approvals need the gate's own role)
   * @param developmentHmac HS256 tokens signed with a shared secret (development only)
   * @param hmacSecret deprecated name of {@code development-hmac.secret}: setting it turns the
   *     development option on
   * @param decisionRateLimit decisions (approve, reject, acknowledge, cancel) per person
   * @param subjectViewRecordInterval a security officer's view of a breach incident's subjects is
   *     recorded at most once per person and incident in this interval
   */
  public record Security(
      String issuer,
      String jwkSetUri,
      String audience,
      @DefaultValue({"RS256", "ES256"}) List<String> jwsAlgorithms,
      @DefaultValue("5m") Duration jwksCacheTtl,
      @DefaultValue("30s") Duration jwksMinRefetchInterval,
      @DefaultValue("roles") String roleClaim,
      @DefaultValue("incident-responder") String responderRole,
      @DefaultValue DevelopmentHmac developmentHmac,
      String hmacSecret,
      @DefaultValue RateLimit decisionRateLimit,
      @DefaultValue("10m") Duration subjectViewRecordInterval) {

    public Security {
      jwsAlgorithms = jwsAlgorithms == null ? List.of() : List.copyOf(jwsAlgorithms);
    }

    /** Without the deprecated secret: settings may be logged. */
    @Override
    public String toString() {
      return "Security[issuer="
          + issuer
          + ", audience="
          + audience
          + ", roleClaim="
          + roleClaim
          + ", responderRole="
          + responderRole
          + ", developmentHmac="
          + developmentHmac
          + "]";
    }

    /**
     * HS256 tokens signed with a shared secret: for a laptop or the sandbox, never for production.
     *
     * @param enabled whether such tokens are accepted
     * @param secret at least 32 bytes
     * @param issuer when set, the tokens' {@code iss} must equal it (e.g. the console's {@code
     *     dr-console})
     */
    public record DevelopmentHmac(boolean enabled, String secret, String issuer) {

      /** Without the secret: settings may be logged. */
      @Override
      public String toString() {
        return "DevelopmentHmac[enabled=" + enabled + ", issuer=" + issuer + "]";
      }
    }

    /**
     * A token bucket per person: {@code capacity} at once, refilled at {@code capacity} per {@code
     * period}.
     *
     * @param capacity decisions at once
     * @param period the time in which {@code capacity} decisions are refilled
     */
    public record RateLimit(
        @DefaultValue("10") int capacity, @DefaultValue("1m") Duration period) {}
  }
}
