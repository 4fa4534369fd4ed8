package io.drautopilot.sandbox;

import io.drautopilot.containment.ContainmentApplication;
import io.drautopilot.detector.DetectorApplication;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.notifier.NotifierApplication;
import io.drautopilot.orchestrator.OrchestratorApplication;
import io.drautopilot.readiness.service.ReadinessApplication;
import io.drautopilot.restore.RestoreApplication;
import io.drautopilot.sandbox.faults.SandboxFaults;
import io.drautopilot.validation.ValidationApplication;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Every service of the system, started in this JVM with the sandbox's settings. */
final class SandboxServices implements DrillServices {

  static final String SNAPSHOT_INCIDENT = "sandbox-snapshot";

  /**
   * @param s3 the S3-compatible endpoint (s3rver) every service's S3 client uses
   * @param snapshots where the scheduled logical snapshots go and restores find them ({@code s3://bucket/prefix})
   * @param forensicSnapshots where the breach runbook preserves the table ({@code s3://bucket/prefix})
   * @param issuer the drill's OpenID Connect provider, whose tokens the orchestrator's API accepts
   * @param audit the key the orchestrator signs each incident's chain head with (null: unsigned)
   * @param webhookToken the detector's alert webhook token (null: no webhook accepts an alert)
   * @param detector settings of the detector for this drill over the sandbox's own (e.g. probes switched off)
   */
  record Settings(
      String kafka,
      Path state,
      String primaryDynamo,
      String secondaryDynamo,
      String recorder,
      String s3,
      String snapshots,
      String forensicSnapshots,
      Path reports,
      String tablePrefix,
      Dynalite primary,
      int smtpPort,
      String issuer,
      AuditTrail audit,
      String webhookToken,
      Map<String, String> detector) {

    /** Without signing key, webhook token or detector settings of a drill (tests of one service). */
    Settings(
        String kafka,
        Path state,
        String primaryDynamo,
        String secondaryDynamo,
        String recorder,
        String s3,
        String snapshots,
        String forensicSnapshots,
        Path reports,
        String tablePrefix,
        Dynalite primary,
        int smtpPort,
        String issuer) {
      this(
          kafka,
          state,
          primaryDynamo,
          secondaryDynamo,
          recorder,
          s3,
          snapshots,
          forensicSnapshots,
          reports,
          tablePrefix,
          primary,
          smtpPort,
          issuer,
          null,
          null,
          Map.of());
    }

    /** The secrets stay out of every log line and message. */
    @Override
    public String toString() {
      return "Settings[kafka=" + kafka + ", state=" + state + ", tablePrefix=" + tablePrefix + "]";
    }
  }

  private final Settings settings;
  private final Map<String, Integer> ports = Collections.synchronizedMap(new LinkedHashMap<>());
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SandboxServices(Settings settings) {
    this.settings = settings;
  }

  /**
   * Starts every service at once, each context on its own thread: a context's start is mostly class loading, bean
   * creation and waits on the broker, which overlap well even on two cores. Returns once all are up; if one fails,
   * after the others have finished starting (every context started is in {@code running}, to be closed).
   */
  static SandboxServices start(Settings settings, List<AutoCloseable> running) {
    SandboxServices s = new SandboxServices(settings);
    List<CompletableFuture<Void>> starting = new ArrayList<>();
    for (String name :
        List.of(
            "readiness-service",
            "restore-service",
            "validation-service",
            "notifier-service",
            "containment-service",
            "orchestrator-service",
            "detector-service")) {
      // listed in a fixed order, whichever comes up first
      s.ports.put(name, 0);
      CompletableFuture<Void> started = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  if (name.equals("detector-service")) {
                    s.launchDetector(running, Map.of());
                  } else {
                    s.launch(name, APPLICATIONS.get(name), running);
                  }
                  started.complete(null);
                } catch (Throwable e) {
                  started.completeExceptionally(e);
                }
              },
              "sandbox-start-" + name);
      thread.setDaemon(true);
      thread.start();
      starting.add(started);
    }
    CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .join();
    for (var started : starting) {
      try {
        started.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return s;
  }

  private static final Map<String, Class<?>> APPLICATIONS =
      Map.of(
          "readiness-service", ReadinessApplication.class,
          "restore-service", RestoreApplication.class,
          "validation-service", ValidationApplication.class,
          "notifier-service", NotifierApplication.class,
          "containment-service", ContainmentApplication.class,
          "orchestrator-service", OrchestratorApplication.class);

  /**
   * The detector alone, as the drill starts it: sandbox mode, the drill's fault API and the primary region's
   * outage switch. {@code overrides} replace settings of the drill (e.g. the probe targets).
   */
  static SandboxServices startDetector(
      Settings settings, Map<String, String> overrides, List<AutoCloseable> running) {
    SandboxServices s = new SandboxServices(settings);
    s.launchDetector(running, overrides);
    return s;
  }

  /** The fault API ({@link SandboxFaults}) exists only here, in the detector's context as the sandbox runs it. */
  private void launchDetector(List<AutoCloseable> running, Map<String, String> overrides) {
    launch(
        "detector-service",
        DetectorApplication.class,
        running,
        overrides,
        List.of(SandboxFaults.class),
        new PrimaryRegionOutage(settings.primary()));
  }

  private void launch(String name, Class<?> application, List<AutoCloseable> running) {
    launch(name, application, running, Map.of(), List.of());
  }

  private void launch(
      String name,
      Class<?> application,
      List<AutoCloseable> running,
      Map<String, String> overrides,
      List<Class<?>> sources,
      Object... beans) {
    // Port 0: each web server binds a free port itself. A port picked beforehand could be taken,
    // while six contexts
    // start, by one of the many connections they open (their local ports come from the same range).
    Map<String, String> p = new LinkedHashMap<>(configuration(settings, name, 0));
    // One JVM means one classpath: the orchestrator's Spring Security would otherwise secure every
    // service's endpoints. Services that do not bring it themselves run without it, as they do
    // alone.
    // and the identity provider's authorization server would give each of them a signing key and a
    // JWT decoder
    p.put(
        "spring.autoconfigure.exclude",
        name.equals("orchestrator-service")
            ? AUTHORIZATION_SERVER_AUTO_CONFIGURATION
            : SECURITY_AUTO_CONFIGURATION + "," + AUTHORIZATION_SERVER_AUTO_CONFIGURATION);
    p.putAll(secrets(settings, name));
    p.putAll(overrides);
    ConfigurableApplicationContext ctx =
        ServiceLauncher.start(application, name, settings.state(), p, sources, beans);
    synchronized (running) {
      running.add(ctx::close);
    }
    ports.put(name, ((WebServerApplicationContext) ctx).getWebServer().getPort());
  }

  /**
   * A service's secrets in the drill, kept apart from {@link #configuration} because a service started from its jar
   * gets them in its environment (Spring Boot's relaxed binding reads {@code DR_AUDIT_SIGNINGKEY} as
   * {@code dr.audit.signing-key}), where its command line would show them to anyone listing processes.
   */
  static Map<String, String> secrets(Settings settings, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    if (name.equals("orchestrator-service") && settings.audit() != null) {
      p.put(AuditTrail.SIGNING_KEY_PROPERTY, settings.audit().signingKey());
    }
    if (name.equals("detector-service") && settings.webhookToken() != null) {
      p.put(WEBHOOK_TOKEN_PROPERTY, settings.webhookToken());
    }
    return p;
  }

  static final String WEBHOOK_TOKEN_PROPERTY = "dr.detector.webhooks.token";

  /** The environment variable of a secret property, as Spring Boot's relaxed binding maps it. */
  static String environmentName(String property) {
    return property.replace(".", "_").replace("-", "").toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * The post-incident load check's concurrent callers: one per core of this machine, at most 8. The check is judged
   * against the runbook's own target, p99 within 500 ms (the command's default), and every caller, the endpoint that
   * answers them (the recording endpoint) and every service share this machine's cores: callers beyond the cores only
   * queue for them, and each stall of the drill's JVM (a collection, another process on the cores) holds all of them.
   */
  static final int LOAD_CALLERS =
      Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

  /**
   * How long the load check measures, after its warm-up. Each caller's first requests are slow (its connection
   * opened, the first calls through cold code on both sides): measured, with 3 s of load they were about 1 % of the
   * 1,400-1,500 sent, so the p99 was the warm-up's latency, which on a loaded machine passes 500 ms (a negative
   * verdict about the sandbox, not the service). So the check first warms up for {@link #LOAD_WARM_UP} (sent, counted
   * apart as warmUpRequests, not measured), then measures the endpoint under steady load.
   */
  static final int LOAD_SECONDS = 3;

  /** The load check's warm-up: {@code dr.validation.performance.warm-up}. */
  static final String LOAD_WARM_UP = "1s";

  /** A service's settings in the drill, the same whether it runs in this JVM or from its jar in its own. */
  static Map<String, String> configuration(Settings settings, String name, int port) {
    Map<String, String> p = new LinkedHashMap<>(common(settings));
    p.put("server.port", Integer.toString(port));
    p.putAll(specific(settings, name));
    return p;
  }

  private static Map<String, String> common(Settings settings) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.kafka.bootstrap-servers", settings.kafka());
    p.put("dr.aws.region", SandboxDrill.PRIMARY);
    p.put("dr.aws.static-credentials", "true");
    p.put("dr.aws.endpoints.default", settings.recorder());
    p.put("dr.aws.endpoints.dynamodb", settings.primaryDynamo());
    p.put("dr.aws.endpoints.dynamodb." + SandboxDrill.PRIMARY, settings.primaryDynamo());
    p.put("dr.aws.endpoints.dynamodb." + SandboxDrill.SECONDARY, settings.secondaryDynamo());
    // snapshots (restore, validation) on s3rver: path-style, plain signed bodies
    // (SnapshotS3Clients)
    p.put("dr.aws.endpoints.s3", settings.s3());
    p.put("dr.messaging.progress-interval", "500ms");
    // a crashed service's partitions go to its successor after 10 s, not the default 45 s
    p.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
    p.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "3000");
    p.put("logging.level.root", "WARN");
    p.put("logging.level.io.drautopilot", "WARN");
    p.put("management.endpoints.web.exposure.include", "health,prometheus");
    return p;
  }

  static final String SECURITY_AUTO_CONFIGURATION =
      String.join(
          ",",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

  static final String AUTHORIZATION_SERVER_AUTO_CONFIGURATION =
      String.join(
          ",",
          "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration");

  private static Map<String, String> specific(Settings settings, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    String entities = SeedData.entitiesTable(settings.tablePrefix());
    String events = SeedData.eventsTable(settings.tablePrefix());
    String snapshots = settings.snapshots();
    switch (name) {
      case "orchestrator-service" -> {
        p.put(
            "dr.orchestrator.streams.state-dir",
            settings.state().resolve("orchestrator-streams").toString());
        p.put("dr.orchestrator.tick-interval", "500ms");
        // tokens from the drill's identity provider (keys from its JWKS), as from a company's in
        // production
        p.put("dr.orchestrator.security.issuer", settings.issuer());
        for (String v :
            List.of("snapshotLocation", "entitiesSnapshotLocation", "eventsSnapshotLocation")) {
          p.put("dr.orchestrator.variables." + v, snapshots);
        }
        p.put("dr.orchestrator.variables.table", entities);
        p.put("dr.orchestrator.variables.entitiesTable", entities);
        p.put("dr.orchestrator.variables.eventsTable", events);
        p.put("dr.orchestrator.variables.drRegion", SandboxDrill.SECONDARY);
        p.put("dr.orchestrator.variables.healthUrl", settings.recorder() + "/graphql");
        // the disaster recovery region's service answers on the same recording endpoint
        p.put("dr.orchestrator.variables.drHealthUrl", settings.recorder() + "/graphql");
        p.put("dr.orchestrator.variables.performanceTarget", settings.recorder() + "/graphql");
        // the seed's 300 s of load would be most of a drill; LOAD_SECONDS, with LOAD_CALLERS, fit
        // the check to the machine
        p.put(
            "dr.orchestrator.variables.performanceDurationSeconds", Integer.toString(LOAD_SECONDS));
        p.put("dr.orchestrator.variables.performanceConcurrency", Integer.toString(LOAD_CALLERS));
        // AWS Backup is only recorded here, so no restore job ever makes a table: the sandbox's
        // monthly
        // backup verification verifies its real restore points, the logical snapshots
        p.put("dr.orchestrator.variables.restorePointKind", "LOGICAL_SNAPSHOT");
        p.put("dr.orchestrator.variables.cacheEndpoint", settings.recorder() + "/cache");
        p.put("dr.orchestrator.variables.forensicSnapshotLocation", settings.forensicSnapshots());
        p.put("dr.orchestrator.protected-resources-file", protectedResources(settings).toString());
        runbookVariables(settings, p);
      }
      case "notifier-service" -> {
        p.put("dr.notifier.report.directory", settings.reports().toString());
        // its own state, not the machine-wide default that a second drill (or a test) on this
        // machine would lock
        p.put(
            "dr.notifier.report.projection.state-dir",
            settings.state().resolve("notifier-streams").toString());
        p.put("dr.notifier.channels.email.host", "127.0.0.1");
        p.put("dr.notifier.channels.email.port", Integer.toString(settings.smtpPort()));
        p.put(
            "dr.notifier.channels.sns.topic-arn",
            "arn:aws:sns:us-east-1:000000000000:tyler-setup-emergency-alerts");
        p.put("dr.notifier.channels.slack.enabled", "true");
        p.put(
            "dr.notifier.channels.slack.url",
            settings.recorder() + "/hooks/slack/T000/B000/sandbox");
        p.put("dr.notifier.channels.pagerduty.enabled", "true");
        p.put("dr.notifier.channels.pagerduty.url", settings.recorder() + "/v2/enqueue");
        p.put("dr.notifier.channels.pagerduty.routing-key", "sandbox-routing-key");
        p.put("dr.notifier.channels.webhook.enabled", "true");
        p.put("dr.notifier.channels.webhook.url", settings.recorder() + "/hooks/notify/sandbox");
        p.put("dr.notifier.retry.initial-backoff", "100ms");
      }
      case "validation-service" -> p.put("dr.validation.performance.warm-up", LOAD_WARM_UP);
      case "restore-service" -> {
        p.put("dr.restore.work-directory", settings.state().resolve("restore-work").toString());
        p.put("dr.restore.wait.poll-interval", "200ms");
        p.put("dr.restore.cache.entity-types.user", "Employee");
      }
      case "readiness-service" -> {
        // the drill's catalogue, as the orchestrator's
        p.put("dr.readiness.protected-resources-file", protectedResources(settings).toString());
        // assessed when the drill asks (GET /api/readiness, once the history is read) and after the
        // restores; not on
        // a schedule whose first run could come before the history is read and stand as the latest
        // until the fault
        p.put("dr.readiness.initial-delay", "1h");
        p.put("dr.readiness.interval", "1h");
        // dynalite has no DescribeContinuousBackups: the assessment says PITR cannot be read, no
        // warning at each one
        p.put("logging.level.io.drautopilot.readiness.service.adapter.aws", "ERROR");
      }
      case "containment-service" ->
          p.put(
              "dr.containment.evidence-location", settings.state().resolve("evidence").toString());
      case "detector-service" -> {
        p.put("dr.detector.sandbox.enabled", "true");
        p.put(SandboxFaults.RECORDER_ADMIN_URL, settings.recorder() + "/__admin");
        p.put("dr.detector.probe-interval", "1s");
        // a busy machine (seeding, seven JVMs starting) must not look like a regional outage; a
        // stopped dynalite
        // is refused at once whatever the timeout
        p.put("dr.detector.probe-timeout", "10s");
        p.put("dr.detector.targets[0].region", SandboxDrill.PRIMARY);
        p.put("dr.detector.targets[0].tables", entities + "," + events);
        p.put(
            "dr.detector.probes.integrity.sample-size",
            Integer.toString(SandboxDrill.INTEGRITY_SAMPLE));
        p.put("dr.detector.probes.cloudwatch.enabled", "true");
        p.put("dr.detector.probes.breach.enabled", "true");
        p.put("dr.detector.probes.backup.enabled", "false");
        p.put("dr.detector.maintenance.enabled", "false");
        p.putAll(settings.detector());
      }
      default -> {}
    }
    return p;
  }

  /** The drill's catalogue as the orchestrator reads it: the affected table's function and variables. */
  static io.drautopilot.orchestrator.runbook.ProtectedResources catalogue(Settings settings)
      throws IOException {
    Path file = settings.state().resolve("config").resolve("protected-resources.yml");
    return io.drautopilot.orchestrator.runbook.ProtectedResources.parse(
        file.getFileName().toString(), Files.readString(file));
  }

  /**
   * The orchestrator's catalogue of protected tables for this drill's tables (whatever their prefix), written into the
   * state directory: the runbooks' per-table steps take the table's function and variables from it, and a table
   * missing from it would leave them empty. The same entries as the built-in catalogue's sandbox tables, plus the
   * drill's health URL and snapshot location.
   */
  static Path protectedResources(Settings settings) {
    String catalogue =
        """
        # The sandbox drill's protected tables (written by the drill for its table prefix).
        tables:
          - name: entities
            table: %s
            functions: [tyler-setup-entities-handler]
            tableVariable: ENTITY_TABLE
            circuitBreakerVariable: CIRCUIT_BREAKER_ENTITIES
            cacheTypes: [user]
            healthUrl: %s
            snapshotLocation: %s
          - name: events
            table: %s
            functions: [tyler-setup-events-handler]
            tableVariable: EVENT_TABLE
            circuitBreakerVariable: CIRCUIT_BREAKER_EVENTS
            cacheTypes: [event]
            healthUrl: %s
            snapshotLocation: %s
        """
            .formatted(
                SeedData.entitiesTable(settings.tablePrefix()),
                settings.recorder() + "/graphql",
                settings.snapshots(),
                SeedData.eventsTable(settings.tablePrefix()),
                settings.recorder() + "/graphql",
                settings.snapshots());
    try {
      // the orchestrator and readiness-service start together and each writes it, while the other
      // may already be reading it
      return WholeFile.write(
          settings.state().resolve("config").resolve("protected-resources.yml"), catalogue);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the protected-resources catalogue: " + e.getMessage(), e);
    }
  }

  /** Where the drill keeps its orchestrator's runbook variables, read by {@code drctl replay --from DIR}. */
  static final String RUNBOOK_VARIABLES = "runbook-variables.properties";

  /**
   * The orchestrator's runbook variables ({@code dr.orchestrator.variables.NAME}) written next to the catalogue, one
   * {@code NAME=value} per line: an offline replay of a kept drill's incident needs them to send the same commands
   * (the health URL, the snapshot location, the load check's target and length are the drill's, not the runbooks'
   * defaults).
   */
  private static void runbookVariables(Settings settings, Map<String, String> orchestrator) {
    String prefix = "dr.orchestrator.variables.";
    StringBuilder lines =
        new StringBuilder(
            "# The runbook variables the drill gave its orchestrator (dr.orchestrator.variables.NAME):\n"
                + "# drctl replay ID --from DIR reads them, as --variables FILE.\n");
    new java.util.TreeMap<>(orchestrator)
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                lines
                    .append(key.substring(prefix.length()))
                    .append('=')
                    .append(value.replace("\\", "\\\\"))
                    .append('\n');
              }
            });
    try {
      WholeFile.write(settings.state().resolve("config").resolve(RUNBOOK_VARIABLES), lines);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the orchestrator's runbook variables: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder();
    ports.forEach(
        (n, port) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(" :").append(port));
    return b.toString();
  }

  @Override
  public int port(String service) {
    return ports.get(service);
  }

  /** Injects the scenario's fault through the sandbox's fault API on the detector's port. */
  @Override
  public void inject(DrillOptions.Scenario scenario, String table)
      throws IOException, InterruptedException {
    // maintenance procedures are not faults: the detector starts them, as it does on their schedule
    String path = scenario.fault == null ? "/maintenance/runs" : "/sandbox/faults";
    String body =
        scenario.fault == null
            ? DrillServices.maintenanceRun(scenario, table)
            : "{\"kind\":\""
                + scenario.fault
                + "\",\"table\":\""
                + table
                + "\",\"region\":\""
                + SandboxDrill.PRIMARY
                + "\"}";
    DrillServices.post(http, port("detector-service"), path, body);
  }
}
