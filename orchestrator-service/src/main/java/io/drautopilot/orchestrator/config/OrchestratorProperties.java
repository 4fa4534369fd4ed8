package io.drautopilot.orchestrator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything the orchestrator can be told, under {@code dr.orchestrator.*}; every value has a
 * default so the service starts with none set.
 */
@ConfigurationProperties("dr.orchestrator")
public class OrchestratorProperties {

  /** Handler prefix → command topic; added to (and overriding) restore, validation and notifier. */
  private Map<String, String> routes = new LinkedHashMap<>();

  /** Runbook variable overrides (table, function, hosted zone, snapshot location, health URL...). */
  private Map<String, String> variables = new LinkedHashMap<>();

  /** Extra runbook directory read after the built-in {@code runbooks/*.yml}. */
  private Path runbooksDirectory;

  /** The protected-resources catalogue (per table: functions, variables, vault, caches, health URL); unset: the built-in one. */
  private Path protectedResourcesFile;

  /** How often the clock ticks (one ClockTicked per partition of dr.clock.ticks). */
  private Duration tickInterval = Duration.ofSeconds(1);

  private boolean tickerEnabled = true;

  /** Multiplies every runbook duration (timeouts, backoff, approval deadlines); below 1 runs faster. */
  private double timeScale = 1.0;

  /** Escalation matrix; empty means the seed runbook's 0/15/30/60 minutes. */
  private List<Level> escalation = new ArrayList<>();

  private String escalationAction = "notifier.notifyContacts";

  /** Per severity (P1..P4) its RTO and response window; any not given keeps the seed's (P1 15m/15m, P2 1h/30m, P3 4h/2h, P4 24h/8h). */
  private Map<String, SeverityTarget> severities = new LinkedHashMap<>();

  /** How often a failed recovery nobody has acknowledged is paged again. */
  private Duration failedRepageEvery = Duration.ofMinutes(15);

  /** The working hours a P4's response window counts ("within business hours"). */
  private BusinessHours businessHours = new BusinessHours();

  /** Base URL of this API as people reach it (e.g. https://dr.example.com), for the links in notices; unset: no links. */
  private String publicUrl;

  public static class SeverityTarget {
    private Duration rto;
    private Duration respondWithin;

    public Duration getRto() {
      return rto;
    }

    public void setRto(Duration rto) {
      this.rto = rto;
    }

    public Duration getRespondWithin() {
      return respondWithin;
    }

    public void setRespondWithin(Duration respondWithin) {
      this.respondWithin = respondWithin;
    }
  }

  public static class BusinessHours {
    private List<java.time.DayOfWeek> days =
        new ArrayList<>(
            List.of(
                java.time.DayOfWeek.MONDAY,
                java.time.DayOfWeek.TUESDAY,
                java.time.DayOfWeek.WEDNESDAY,
                java.time.DayOfWeek.THURSDAY,
                java.time.DayOfWeek.FRIDAY));
    private java.time.LocalTime start = java.time.LocalTime.of(9, 0);
    private java.time.LocalTime end = java.time.LocalTime.of(17, 0);
    private java.time.ZoneId zone = java.time.ZoneId.of("UTC");

    public List<java.time.DayOfWeek> getDays() {
      return days;
    }

    public void setDays(List<java.time.DayOfWeek> days) {
      this.days = days;
    }

    public java.time.LocalTime getStart() {
      return start;
    }

    public void setStart(java.time.LocalTime start) {
      this.start = start;
    }

    public java.time.LocalTime getEnd() {
      return end;
    }

    public void setEnd(java.time.LocalTime end) {
      this.end = end;
    }

    public java.time.ZoneId getZone() {
      return zone;
    }

    public void setZone(java.time.ZoneId zone) {
      this.zone = zone;
    }
  }

  public Map<String, SeverityTarget> getSeverities() {
    return severities;
  }

  public void setSeverities(Map<String, SeverityTarget> severities) {
    this.severities = severities;
  }

  public Duration getFailedRepageEvery() {
    return failedRepageEvery;
  }

  public void setFailedRepageEvery(Duration failedRepageEvery) {
    this.failedRepageEvery = failedRepageEvery;
  }

  public BusinessHours getBusinessHours() {
    return businessHours;
  }

  public void setBusinessHours(BusinessHours businessHours) {
    this.businessHours = businessHours;
  }

  public String getPublicUrl() {
    return publicUrl;
  }

  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  /** How long a closed incident stays in the query store (REST) after its last event; the log keeps it. */
  private Duration closedIncidentRetention = Duration.ofDays(30);

  private Streams streams = new Streams();
  private Security security = new Security();

  /** Largest request body any HTTP endpoint accepts; a larger one is refused with 413 before it is read. */
  private org.springframework.util.unit.DataSize maxRequestSize =
      org.springframework.util.unit.DataSize.ofKilobytes(256);

  public org.springframework.util.unit.DataSize getMaxRequestSize() {
    return maxRequestSize;
  }

  public void setMaxRequestSize(org.springframework.util.unit.DataSize maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }

  public Duration getClosedIncidentRetention() {
    return closedIncidentRetention;
  }

  public void setClosedIncidentRetention(Duration closedIncidentRetention) {
    this.closedIncidentRetention = closedIncidentRetention;
  }

  public static class Level {
    private int level;
    private Duration after = Duration.ZERO;
    private String target;

    public int getLevel() {
      return level;
    }

    public void setLevel(int level) {
      this.level = level;
    }

    public Duration getAfter() {
      return after;
    }

    public void setAfter(Duration after) {
      this.after = after;
    }

    public String getTarget() {
      return target;
    }

    public void setTarget(String target) {
      this.target = target;
    }
  }

  public static class Streams {
    private boolean enabled = true;
    private String applicationId = "dr-orchestrator";

    /** Local state (RocksDB); rebuilt from the changelog topics when lost. */
    private Path stateDir =
        Path.of(System.getProperty("java.io.tmpdir"), "dr-orchestrator-streams");

    private Duration commitInterval = Duration.ofMillis(20);

    /**
     * A step's outputs are committed as soon as they are ready when the stream thread has not asked for a
     * commit within this spacing, otherwise once it has passed: lower step latency, more transactions under
     * load. 0: on the commit interval only (fewer, larger transactions; see docs/benchmarks.md).
     */
    private Duration earlyCommitSpacing = Duration.ofMillis(20);

    /** Replication of internal topics (changelogs, repartitions); -1 takes the broker default. */
    private int replicationFactor = -1;

    private int numStreamThreads = 1;

    /**
     * host:port at which the other orchestrator instances reach this one's HTTP API (Kafka Streams'
     * {@code application.server}), e.g. {@code $(POD_IP):8080}. With several instances each holds
     * the incidents of its partitions; set it on every instance so a request for any incident is
     * answered wherever it arrives. Unset: a single instance answering from its own store.
     */
    private String advertisedEndpoint;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getApplicationId() {
      return applicationId;
    }

    public void setApplicationId(String applicationId) {
      this.applicationId = applicationId;
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

    public Duration getEarlyCommitSpacing() {
      return earlyCommitSpacing;
    }

    public void setEarlyCommitSpacing(Duration earlyCommitSpacing) {
      this.earlyCommitSpacing = earlyCommitSpacing;
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

    public String getAdvertisedEndpoint() {
      return advertisedEndpoint;
    }

    public void setAdvertisedEndpoint(String advertisedEndpoint) {
      this.advertisedEndpoint = advertisedEndpoint;
    }

    public int getNumStreamThreads() {
      return numStreamThreads;
    }

    public void setNumStreamThreads(int numStreamThreads) {
      this.numStreamThreads = numStreamThreads;
    }
  }

  /**
   * Who may call the API. Tokens come from an OpenID Connect issuer ({@code issuer}: its URI; keys
   * from its JWKS, RS256/ES256); a shared HMAC secret is a development option only, off by default.
   * With neither, the service runs (the engine needs no caller) but every API request is refused
   * with 401 and the reason, and start-up logs a warning.
   */
  public static class Security {
    /** The OpenID Connect issuer URI (e.g. https://login.example.com/realms/dr); tokens must carry it as {@code iss}. */
    private String issuer;

    /** The issuer's JWKS URL, to skip discovery ({@code <issuer>/.well-known/openid-configuration}). */
    private String jwkSetUri;

    /** When set, a token's {@code aud} must contain it. */
    private String audience;

    /** Signature algorithms accepted from the issuer. */
    private List<String> jwsAlgorithms = new ArrayList<>(List.of("RS256", "ES256"));

    /** How long the issuer's keys are cached; a token signed by a key not in the cache refetches them at once. */
    private Duration jwksCacheTtl = Duration.ofMinutes(5);

    /** Fetches of the issuer's keys are at least this far apart (a flood of unknown key ids does not flood the issuer). */
    private Duration jwksMinRefetchInterval = Duration.ofSeconds(30);

    /** Claim holding the caller's roles: an array of strings, or one space-separated string. */
    private String roleClaim = "roles";

    /** Role needed to acknowledge and cancel (approvals need the gate's own role). */
    private String responderRole = "incident-responder";

    private DevelopmentHmac developmentHmac = new DevelopmentHmac();

    /** Deprecated name of {@code development-hmac.secret}: setting it turns the development option on. */
    private String hmacSecret;

    /** Decisions (approve, reject, acknowledge, cancel) per person. */
    private RateLimit decisionRateLimit = new RateLimit();

    /** A security officer's view of a breach incident's subjects is recorded at most once per person and incident in this interval. */
    private Duration subjectViewRecordInterval = Duration.ofMinutes(10);

    /** HS256 tokens signed with a shared secret: for a laptop or the sandbox, never for production. */
    public static class DevelopmentHmac {
      private boolean enabled;

      /** At least 32 bytes. */
      private String secret;

      /** When set, the tokens' {@code iss} must equal it (e.g. the console's {@code dr-console}). */
      private String issuer;

      public boolean isEnabled() {
        return enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      public String getSecret() {
        return secret;
      }

      public void setSecret(String secret) {
        this.secret = secret;
      }

      public String getIssuer() {
        return issuer;
      }

      public void setIssuer(String issuer) {
        this.issuer = issuer;
      }
    }

    /** A token bucket per person: {@code capacity} at once, refilled at {@code capacity} per {@code period}. */
    public static class RateLimit {
      private int capacity = 10;
      private Duration period = Duration.ofMinutes(1);

      public int getCapacity() {
        return capacity;
      }

      public void setCapacity(int capacity) {
        this.capacity = capacity;
      }

      public Duration getPeriod() {
        return period;
      }

      public void setPeriod(Duration period) {
        this.period = period;
      }
    }

    public String getIssuer() {
      return issuer;
    }

    public void setIssuer(String issuer) {
      this.issuer = issuer;
    }

    public String getJwkSetUri() {
      return jwkSetUri;
    }

    public void setJwkSetUri(String jwkSetUri) {
      this.jwkSetUri = jwkSetUri;
    }

    public String getAudience() {
      return audience;
    }

    public void setAudience(String audience) {
      this.audience = audience;
    }

    public List<String> getJwsAlgorithms() {
      return jwsAlgorithms;
    }

    public void setJwsAlgorithms(List<String> jwsAlgorithms) {
      this.jwsAlgorithms = jwsAlgorithms;
    }

    public Duration getJwksCacheTtl() {
      return jwksCacheTtl;
    }

    public void setJwksCacheTtl(Duration jwksCacheTtl) {
      this.jwksCacheTtl = jwksCacheTtl;
    }

    public Duration getJwksMinRefetchInterval() {
      return jwksMinRefetchInterval;
    }

    public void setJwksMinRefetchInterval(Duration jwksMinRefetchInterval) {
      this.jwksMinRefetchInterval = jwksMinRefetchInterval;
    }

    public String getRoleClaim() {
      return roleClaim;
    }

    public void setRoleClaim(String roleClaim) {
      this.roleClaim = roleClaim;
    }

    public String getResponderRole() {
      return responderRole;
    }

    public void setResponderRole(String responderRole) {
      this.responderRole = responderRole;
    }

    public DevelopmentHmac getDevelopmentHmac() {
      return developmentHmac;
    }

    public void setDevelopmentHmac(DevelopmentHmac developmentHmac) {
      this.developmentHmac = developmentHmac;
    }

    public String getHmacSecret() {
      return hmacSecret;
    }

    public void setHmacSecret(String hmacSecret) {
      this.hmacSecret = hmacSecret;
    }

    public RateLimit getDecisionRateLimit() {
      return decisionRateLimit;
    }

    public void setDecisionRateLimit(RateLimit decisionRateLimit) {
      this.decisionRateLimit = decisionRateLimit;
    }

    public Duration getSubjectViewRecordInterval() {
      return subjectViewRecordInterval;
    }

    public void setSubjectViewRecordInterval(Duration subjectViewRecordInterval) {
      this.subjectViewRecordInterval = subjectViewRecordInterval;
    }
  }

  public Map<String, String> getRoutes() {
    return routes;
  }

  public void setRoutes(Map<String, String> routes) {
    this.routes = routes;
  }

  public Map<String, String> getVariables() {
    return variables;
  }

  public void setVariables(Map<String, String> variables) {
    this.variables = variables;
  }

  public Path getRunbooksDirectory() {
    return runbooksDirectory;
  }

  public void setRunbooksDirectory(Path runbooksDirectory) {
    this.runbooksDirectory = runbooksDirectory;
  }

  public Path getProtectedResourcesFile() {
    return protectedResourcesFile;
  }

  public void setProtectedResourcesFile(Path protectedResourcesFile) {
    this.protectedResourcesFile = protectedResourcesFile;
  }

  public Duration getTickInterval() {
    return tickInterval;
  }

  public void setTickInterval(Duration tickInterval) {
    this.tickInterval = tickInterval;
  }

  public boolean isTickerEnabled() {
    return tickerEnabled;
  }

  public void setTickerEnabled(boolean tickerEnabled) {
    this.tickerEnabled = tickerEnabled;
  }

  public double getTimeScale() {
    return timeScale;
  }

  public void setTimeScale(double timeScale) {
    this.timeScale = timeScale;
  }

  public List<Level> getEscalation() {
    return escalation;
  }

  public void setEscalation(List<Level> escalation) {
    this.escalation = escalation;
  }

  public String getEscalationAction() {
    return escalationAction;
  }

  public void setEscalationAction(String escalationAction) {
    this.escalationAction = escalationAction;
  }

  public Streams getStreams() {
    return streams;
  }

  public void setStreams(Streams streams) {
    this.streams = streams;
  }

  public Security getSecurity() {
    return security;
  }

  public void setSecurity(Security security) {
    this.security = security;
  }
}
