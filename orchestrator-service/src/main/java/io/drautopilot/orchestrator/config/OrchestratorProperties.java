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

    public Duration getRto() { return rto; }
    public void setRto(Duration rto) { this.rto = rto; }
    public Duration getRespondWithin() { return respondWithin; }
    public void setRespondWithin(Duration respondWithin) { this.respondWithin = respondWithin; }
  }

  public static class BusinessHours {
    private List<java.time.DayOfWeek> days = new ArrayList<>(List.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY,
        java.time.DayOfWeek.WEDNESDAY, java.time.DayOfWeek.THURSDAY, java.time.DayOfWeek.FRIDAY));
    private java.time.LocalTime start = java.time.LocalTime.of(9, 0);
    private java.time.LocalTime end = java.time.LocalTime.of(17, 0);
    private java.time.ZoneId zone = java.time.ZoneId.of("UTC");

    public List<java.time.DayOfWeek> getDays() { return days; }
    public void setDays(List<java.time.DayOfWeek> days) { this.days = days; }
    public java.time.LocalTime getStart() { return start; }
    public void setStart(java.time.LocalTime start) { this.start = start; }
    public java.time.LocalTime getEnd() { return end; }
    public void setEnd(java.time.LocalTime end) { this.end = end; }
    public java.time.ZoneId getZone() { return zone; }
    public void setZone(java.time.ZoneId zone) { this.zone = zone; }
  }

  public Map<String, SeverityTarget> getSeverities() { return severities; }
  public void setSeverities(Map<String, SeverityTarget> severities) { this.severities = severities; }
  public Duration getFailedRepageEvery() { return failedRepageEvery; }
  public void setFailedRepageEvery(Duration failedRepageEvery) { this.failedRepageEvery = failedRepageEvery; }
  public BusinessHours getBusinessHours() { return businessHours; }
  public void setBusinessHours(BusinessHours businessHours) { this.businessHours = businessHours; }
  public String getPublicUrl() { return publicUrl; }
  public void setPublicUrl(String publicUrl) { this.publicUrl = publicUrl; }
  /** How long a closed incident stays in the query store (REST) after its last event; the log keeps it. */
  private Duration closedIncidentRetention = Duration.ofDays(30);
  private Streams streams = new Streams();
  private Security security = new Security();
  /** Largest request body any HTTP endpoint accepts; a larger one is refused with 413 before it is read. */
  private org.springframework.util.unit.DataSize maxRequestSize = org.springframework.util.unit.DataSize.ofKilobytes(256);

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

    public int getLevel() { return level; }
    public void setLevel(int level) { this.level = level; }
    public Duration getAfter() { return after; }
    public void setAfter(Duration after) { this.after = after; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
  }

  public static class Streams {
    private boolean enabled = true;
    private String applicationId = "dr-orchestrator";
    /** Local state (RocksDB); rebuilt from the changelog topics when lost. */
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "dr-orchestrator-streams");
    private Duration commitInterval = Duration.ofMillis(20);
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

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getApplicationId() { return applicationId; }
    public void setApplicationId(String applicationId) { this.applicationId = applicationId; }
    public Path getStateDir() { return stateDir; }
    public void setStateDir(Path stateDir) { this.stateDir = stateDir; }
    public Duration getCommitInterval() { return commitInterval; }
    public void setCommitInterval(Duration commitInterval) { this.commitInterval = commitInterval; }
    public int getReplicationFactor() { return replicationFactor; }
    public void setReplicationFactor(int replicationFactor) { this.replicationFactor = replicationFactor; }
    public String getAdvertisedEndpoint() {
      return advertisedEndpoint;
    }

    public void setAdvertisedEndpoint(String advertisedEndpoint) {
      this.advertisedEndpoint = advertisedEndpoint;
    }

    public int getNumStreamThreads() { return numStreamThreads; }
    public void setNumStreamThreads(int numStreamThreads) { this.numStreamThreads = numStreamThreads; }
  }

  public static class Security {
    /** Expected {@code iss} of bearer tokens; unset accepts any issuer. */
    private String issuer;
    /** HMAC-SHA256 secret (at least 32 bytes) for tokens, e.g. the sandbox's generated key. */
    private String hmacSecret;
    /** Claim holding the caller's roles. */
    private String roleClaim = "roles";
    /** Role needed to acknowledge and cancel (approvals need the gate's own role). */
    private String responderRole = "incident-responder";

    public String getIssuer() { return issuer; }
    public void setIssuer(String issuer) { this.issuer = issuer; }
    public String getHmacSecret() { return hmacSecret; }
    public void setHmacSecret(String hmacSecret) { this.hmacSecret = hmacSecret; }
    public String getRoleClaim() { return roleClaim; }
    public void setRoleClaim(String roleClaim) { this.roleClaim = roleClaim; }
    public String getResponderRole() { return responderRole; }
    public void setResponderRole(String responderRole) { this.responderRole = responderRole; }
  }

  public Map<String, String> getRoutes() { return routes; }
  public void setRoutes(Map<String, String> routes) { this.routes = routes; }
  public Map<String, String> getVariables() { return variables; }
  public void setVariables(Map<String, String> variables) { this.variables = variables; }
  public Path getRunbooksDirectory() { return runbooksDirectory; }
  public void setRunbooksDirectory(Path runbooksDirectory) { this.runbooksDirectory = runbooksDirectory; }
  public Path getProtectedResourcesFile() { return protectedResourcesFile; }
  public void setProtectedResourcesFile(Path protectedResourcesFile) { this.protectedResourcesFile = protectedResourcesFile; }
  public Duration getTickInterval() { return tickInterval; }
  public void setTickInterval(Duration tickInterval) { this.tickInterval = tickInterval; }
  public boolean isTickerEnabled() { return tickerEnabled; }
  public void setTickerEnabled(boolean tickerEnabled) { this.tickerEnabled = tickerEnabled; }
  public double getTimeScale() { return timeScale; }
  public void setTimeScale(double timeScale) { this.timeScale = timeScale; }
  public List<Level> getEscalation() { return escalation; }
  public void setEscalation(List<Level> escalation) { this.escalation = escalation; }
  public String getEscalationAction() { return escalationAction; }
  public void setEscalationAction(String escalationAction) { this.escalationAction = escalationAction; }
  public Streams getStreams() { return streams; }
  public void setStreams(Streams streams) { this.streams = streams; }
  public Security getSecurity() { return security; }
  public void setSecurity(Security security) { this.security = security; }
}
