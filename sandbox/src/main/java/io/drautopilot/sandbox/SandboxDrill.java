package io.drautopilot.sandbox;

import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.GenerateIncidentReportResult;
import io.drautopilot.contracts.notify.IncidentReportGenerated;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.restore.ImportTableSnapshotResult;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.validation.BackupRestoreVerified;
import io.drautopilot.contracts.validation.CompareTablesResult;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.TablesCompared;
import io.drautopilot.contracts.validation.ValidateTableResult;
import io.drautopilot.contracts.validation.VerifyBackupRestoreResult;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.FreePorts;
import io.drautopilot.localstack.S3rver;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.generic.IndexedRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The sandbox drill: one command, no cloud account, a full detected-and-recovered incident.
 *
 * <ol>
 *   <li>start a real Kafka broker (KRaft, in this JVM), dynalite as two regions (primary us-east-1,
 *       secondary us-west-2), s3rver (an S3-compatible server) for the snapshot buckets and the
 *       recording endpoint for AWS control-plane calls;
 *   <li>create the seed's tables and fill them; take a logical snapshot into S3 (the sandbox's
 *       restore point);
 *   <li>start every service (detector, orchestrator, restore, validation, notifier, containment) in this JVM, or
 *       with {@code --processes} each from its packaged jar in its own JVM against a standalone broker process
 *       (and, for a crash drill, kill or restart them at the chosen steps);
 *   <li>inject the chosen fault through the sandbox's fault API on the detector's port and show the recovery live;
 *   <li>end with the report's path, the measured RTO and RPO against 900 s and 300 s, what was checked for repeats,
 *       and exit code 0 only when the recovery was verified (validation passed, recovered table matches the
 *       snapshot, no command and no state-changing AWS call repeated).
 * </ol>
 */
public final class SandboxDrill {

  static final String PRIMARY = "us-east-1";
  static final String SECONDARY = "us-west-2";
  static final long RTO_TARGET_SECONDS = 900;
  static final long RPO_TARGET_SECONDS = 300;

  /** The bucket of the scheduled logical snapshots (the restore points), as production keeps them. */
  static final String SNAPSHOT_BUCKET = "dr-sandbox-snapshots";

  /** The bucket of the breach runbook's forensic snapshots. */
  static final String FORENSICS_BUCKET = "dr-sandbox-forensics";

  static final String SNAPSHOT_LOCATION = "s3://" + SNAPSHOT_BUCKET + "/snapshots";
  static final String FORENSIC_SNAPSHOT_LOCATION = "s3://" + FORENSICS_BUCKET + "/entities";

  /** Items the detector's integrity probe samples per round (and the table-corruption fault breaks among them). */
  static final int INTEGRITY_SAMPLE = 200;

  /** As given, with the recorded incident's scenario and table when it replays one. */
  private DrillOptions options;

  private final PrintStream out;

  /** {@code --from-incident}: the recorded incident whose signals raise this drill's incident (null: the probes do). */
  private IncidentReplay replay;

  /** Set as the drill goes, read by its verdict. */
  private Dynalite primaryRegion;

  private SandboxServices.Settings drillSettings;
  private RestoreHistory history;
  private DrillReadiness.Assessment readinessBefore;
  private final List<AutoCloseable> running = new ArrayList<>();

  /** The seed was written item by item for want of a good copy: the seed cache saves one. */
  private volatile boolean saveSeed;

  /** How many of {@link #running} are the local stack's (kept before the services'). */
  private int stackParts = Integer.MAX_VALUE;

  /** The first Ctrl-C or SIGTERM of this drill ("INT", "TERM"). */
  private final CompletableFuture<String> signalled = new CompletableFuture<>();

  /** After the verdict, with {@code --stay}: a signal ends the stay, and the drill's own end stops everything. */
  private volatile boolean staying;

  /** A signal came before the verdict: everything is being stopped, and the drill's own output ends. */
  private volatile boolean aborting;

  SandboxDrill(DrillOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.drautopilot");
    ownLogbackConfiguration();
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(DrillOptions.USAGE);
      return;
    }
    try {
      if (args.length > 0 && args[0].equals("replay")) {
        System.exit(
            Forensics.run(
                java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
      }
      DrillOptions options = DrillOptions.parse(args);
      System.exit(new SandboxDrill(options, System.out).run());
    } catch (IllegalArgumentException e) {
      System.err.println("drill: " + e.getMessage());
      System.err.print(DrillOptions.USAGE);
      System.exit(2);
    }
  }

  /**
   * drctl's jar brings a {@code logback.xml} of its own (a command line's, silent): the drill's logging is configured
   * with the sandbox's, named outright, so that neither the choice nor a warning about two of them depends on the
   * class path's order.
   */
  private static void ownLogbackConfiguration() {
    if (System.getProperty("logback.configurationFile") != null) {
      return;
    }
    try {
      String own =
          SandboxDrill.class.getProtectionDomain().getCodeSource().getLocation().toExternalForm();
      var resources = SandboxDrill.class.getClassLoader().getResources("logback.xml");
      while (resources.hasMoreElements()) {
        String candidate = resources.nextElement().toExternalForm();
        if (candidate.startsWith(own) || candidate.startsWith("jar:" + own + "!")) {
          // Logback reads it once, now, on this one thread (SLF4J set up by threads starting
          // together replays
          // their first calls with a warning); Spring Boot's contexts then load the same file by
          // its own
          // setting, and would warn that they ignore Logback's property if it were still set
          System.setProperty("logback.configurationFile", candidate);
          System.setProperty("logging.config", candidate);
          org.slf4j.LoggerFactory.getILoggerFactory();
          System.clearProperty("logback.configurationFile");
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // logback's own search then
    }
  }

  int run() {
    if (options.fromIncident() != null) {
      try {
        replay = IncidentReplay.load(options.fromIncident());
      } catch (IllegalArgumentException e) {
        out.println("drill: " + e.getMessage());
        return 2;
      }
      options = options.replaying(replay.scenario(), replay.table());
    }
    Instant started = Instant.now();
    Path state;
    try {
      state =
          options.keepDir() != null
              ? Files.createDirectories(options.keepDir())
              : Files.createTempDirectory("dr-autopilot-sandbox-");
    } catch (IOException e) {
      out.println("drill: cannot create the state directory: " + e.getMessage());
      return 2;
    }
    Thread hook = new Thread(() -> stopAll(state), "sandbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Map<String, sun.misc.SignalHandler> previous = handleSignals(state);
    int verdict;
    try {
      verdict = drill(started, state);
    } catch (Exception e) {
      if (!aborting) {
        out.println("drill: FAILED: " + e.getMessage());
        e.printStackTrace(out);
      }
      verdict = 2;
    } finally {
      stopAll(state);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
    if (aborting) {
      // the signal's handler has stopped everything and ends the JVM with the signal's code
      awaitExit();
    }
    previous.forEach((name, handler) -> sun.misc.Signal.handle(new sun.misc.Signal(name), handler));
    // after everything else has stopped, and only for a drill that ran to its verdict (as the
    // drill's AOT cache): its own dynalite, seeded again, not the drill's, whose tables the fault
    // and the recovery changed
    if (saveSeed && verdict <= 1 && !options.stay()) {
      saveSeedCache();
    }
    return verdict;
  }

  /** The seed cache of the checkout's build output. */
  private static SeedCache seedCache() {
    return new SeedCache(Dynalite.repositoryRoot().resolve(SeedCache.DEFAULT_DIR));
  }

  /** The seed cache's copy of the seed into the primary region's (new) data directory, if any. */
  private SeedCache.Lookup copySeed(Instant started, SeedCache.Key key, Path data) {
    if (key == null) {
      step(
          started,
          String.format(
              "seeding %,d items... (--fresh-seed: the seed cache is not used)", options.items()));
      return null;
    }
    SeedCache.Lookup lookup;
    try {
      lookup = seedCache().restore(key, data);
    } catch (IOException | RuntimeException e) {
      lookup = new SeedCache.Miss("unreadable: " + e.getMessage());
    }
    if (lookup instanceof SeedCache.Hit hit) {
      step(
          started,
          String.format(
              "seeded from the seed cache (%s) in %.1f s",
              Dynalite.repositoryRoot().relativize(hit.entry()), hit.copied().toMillis() / 1000.0));
    } else if (lookup instanceof SeedCache.Miss miss) {
      step(
          started,
          String.format(
              "seeding %,d items... (seed cache: %s; saved after the verdict for later drills)",
              options.items(), miss.reason()));
    }
    return lookup;
  }

  /**
   * The seed's items in the primary region: counted in the tables when they are the seed cache's
   * copy, else written. A copy whose tables do not hold the items it was saved with is dropped and
   * the seed written afresh.
   */
  private long seed(DynamoDbClient dynamo, SeedCache.Key key, SeedCache.Lookup lookup) {
    String prefix = options.tablePrefix();
    List<String> tables = List.of(SeedData.entitiesTable(prefix), SeedData.eventsTable(prefix));
    if (lookup instanceof SeedCache.Hit hit) {
      Map<String, Long> found = new java.util.LinkedHashMap<>();
      tables.forEach(t -> found.put(t, countOrNone(dynamo, t)));
      if (found.equals(hit.items())) {
        return found.values().stream().mapToLong(Long::longValue).sum();
      }
      try {
        seedCache().discard(key);
      } catch (IOException ignored) {
        // saved again after the verdict
      }
      out.println(
          "drill: the seed cache's copy is corrupt (its tables hold "
              + found
              + ", "
              + hit.items()
              + " saved): seeding afresh, it is saved again after the verdict");
      saveSeed = true;
    } else if (lookup instanceof SeedCache.Miss) {
      saveSeed = true;
    }
    for (String table : tables) {
      SeedData.createTable(dynamo, table);
    }
    return SeedData.seed(dynamo, prefix, options.items(), 4, n -> {});
  }

  private static long countOrNone(DynamoDbClient dynamo, String table) {
    try {
      return SeedData.count(dynamo, table);
    } catch (RuntimeException e) {
      // no such table, or a database dynalite cannot read
      return -1;
    }
  }

  private void saveSeedCache() {
    SeedCache cache = seedCache();
    SeedCache.Key key =
        SeedCache.Key.of(options.tablePrefix(), options.items(), Dynalite.repositoryRoot());
    out.printf(
        "seed cache       seeding %,d items into a dynalite of its own for later drills...%n",
        options.items());
    Instant start = Instant.now();
    try {
      Path entry = cache.save(key, 4);
      out.printf(
          "seed cache       saved in %.1f s: %s%n",
          Duration.between(start, Instant.now()).toMillis() / 1000.0,
          Dynalite.repositoryRoot().relativize(entry));
    } catch (IOException | RuntimeException e) {
      out.println("seed cache       not saved: " + e.getMessage());
    }
  }

  private int drill(Instant started, Path state) throws Exception {
    step(
        started,
        "state directory " + state + (options.keepDir() == null ? " (temporary)" : " (kept)"));
    // The local stack's parts do not depend on each other: they start together, and seeding
    // (dynalite's work) begins
    // as soon as the primary region answers, while the rest are still starting and the services
    // start after them.
    LocalStack stack = new LocalStack();
    CompletableFuture<BrokerProcess> brokerProcessStarted =
        options.processes()
            ? stack.start(
                "the Kafka broker",
                () ->
                    withTopics(
                        BrokerProcess.start(state.resolve("kafka")),
                        BrokerProcess::bootstrapServers),
                b ->
                    "Kafka broker (KRaft, standalone process, pid "
                        + b.pid()
                        + ") at "
                        + b.bootstrapServers(),
                started)
            : CompletableFuture.completedFuture(null);
    CompletableFuture<LocalKafka> localKafkaStarted =
        options.processes()
            ? CompletableFuture.completedFuture(null)
            : stack.start(
                "the Kafka broker",
                () -> withTopics(LocalKafka.start(), LocalKafka::bootstrapServers),
                k -> "Kafka broker (KRaft) at " + k.bootstrapServers(),
                started);
    String prefix = options.tablePrefix();
    // the primary region starts on a copy of an earlier drill's seeded tables when the seed cache
    // holds this seed: no 50,000 writes while the services start
    SeedCache.Key seedKey =
        options.freshSeed()
            ? null
            : SeedCache.Key.of(prefix, options.items(), Dynalite.repositoryRoot());
    CompletableFuture<SeedCache.Lookup> seedCopied = new CompletableFuture<>();
    CompletableFuture<Dynalite> primaryStarted =
        stack.start(
            "dynalite " + PRIMARY,
            () -> {
              Path data = Files.createDirectories(state.resolve("dynamodb-" + PRIMARY));
              SeedCache.Lookup copied = copySeed(started, seedKey, data);
              try {
                Dynalite primaryRegion = Dynalite.start(data);
                seedCopied.complete(copied);
                return primaryRegion;
              } catch (RuntimeException e) {
                if (!(copied instanceof SeedCache.Hit)) {
                  seedCopied.completeExceptionally(e);
                  throw e;
                }
                // a copy dynalite cannot open: dropped, and the seed written afresh
                seedCache().discard(seedKey);
                try (Stream<Path> files = Files.list(data)) {
                  for (Path f : files.toList()) {
                    Files.delete(f);
                  }
                }
                out.println(
                    "drill: the seed cache's copy is corrupt (dynalite did not start on it: "
                        + e.getMessage()
                        + "): seeding afresh, it is saved again after the verdict");
                seedCopied.complete(new SeedCache.Miss("corrupt"));
                return Dynalite.start(data);
              }
            },
            d -> "dynalite " + PRIMARY + " at " + d.endpoint(),
            started);
    CompletableFuture<Dynalite> secondaryStarted =
        stack.start(
            "dynalite " + SECONDARY,
            () -> Dynalite.start(Files.createDirectories(state.resolve("dynamodb-" + SECONDARY))),
            d -> "dynalite " + SECONDARY + " at " + d.endpoint(),
            started);
    CompletableFuture<S3rver> s3Started =
        stack.start(
            "s3rver (S3)",
            () -> {
              S3rver server = S3rver.start(Files.createDirectories(state.resolve("s3")));
              try {
                server.bucket(SNAPSHOT_BUCKET);
                server.bucket(FORENSICS_BUCKET);
                return server;
              } catch (RuntimeException e) {
                server.close();
                throw e;
              }
            },
            server ->
                "s3rver (S3) at "
                    + server.endpoint()
                    + ": snapshots in "
                    + SNAPSHOT_LOCATION
                    + ", forensic snapshots in "
                    + FORENSIC_SNAPSHOT_LOCATION,
            started);
    CompletableFuture<RecordingEndpoint> recorderStarted =
        stack.start(
            "the recording endpoint",
            RecordingEndpoint::start,
            r ->
                "recording endpoint for AWS control-plane calls at "
                    + r.url()
                    + " ("
                    + r.stubCount()
                    + " stubs)",
            started);
    CompletableFuture<LocalSmtp> smtpStarted =
        stack.start(
            "the SMTP server",
            LocalSmtp::start,
            m -> "SMTP server at 127.0.0.1:" + m.port(),
            started);
    // its issuer names its port, which the orchestrator's settings need before it starts; and it
    // redirects people only
    // to the console's registered URI, which names the console's port
    int identityPort = FreePorts.pick();
    int consolePort = FreePorts.pick();
    CompletableFuture<SandboxIdentity> identityStarted =
        stack.start(
            "the identity provider",
            () -> SandboxIdentity.start(state, identityPort, consolePort),
            SandboxIdentity::describe,
            started);

    // seeding (mostly dynalite's work), or counting the copied seed's items, overlaps with the rest
    // of the stack's and the services' start-up (the JVM's)
    CompletableFuture<Long> seeding =
        primaryStarted.thenApplyAsync(
            primaryRegion -> seed(primaryRegion.client(), seedKey, seedCopied.join()),
            onItsOwnThread("sandbox-seed"));
    stack.awaitAll();
    synchronized (running) {
      stackParts = running.size();
    }
    BrokerProcess brokerProcess = brokerProcessStarted.join();
    String kafka =
        options.processes()
            ? brokerProcess.bootstrapServers()
            : localKafkaStarted.join().bootstrapServers();
    Dynalite primary = primaryStarted.join();
    Dynalite secondary = secondaryStarted.join();
    S3rver s3 = s3Started.join();
    RecordingEndpoint recorder = recorderStarted.join();
    LocalSmtp smtp = smtpStarted.join();
    SandboxIdentity identity = identityStarted.join();
    primaryRegion = primary;

    history = options.history() == null ? null : new RestoreHistory(options.history());
    if (history != null) {
      replayEarlierRestores(kafka, prefix, started);
    }

    // a fresh signing key per drill: the orchestrator signs the incident's chain head with it, the
    // public half is
    // published next to the report
    AuditTrail audit = AuditTrail.generate();
    boolean viaAlert = options.via() == DrillOptions.Via.ALERTMANAGER;
    String webhookToken = viaAlert ? AlertmanagerAlert.newToken() : null;
    // the report outlives a temporary state directory: it is what the drill leaves for people
    Path reports =
        Files.createDirectories(
            options.keepDir() != null
                ? state.resolve("reports")
                : Path.of("drill-reports").toAbsolutePath());
    SandboxServices.Settings settings =
        new SandboxServices.Settings(
            kafka,
            state,
            primary.endpoint().toString(),
            secondary.endpoint().toString(),
            recorder.url(),
            s3.endpoint().toString(),
            SNAPSHOT_LOCATION,
            FORENSIC_SNAPSHOT_LOCATION,
            reports,
            prefix,
            primary,
            smtp.port(),
            identity.issuer(),
            audit,
            webhookToken,
            viaAlert
                ? AlertmanagerAlert.probesOff(options.scenario())
                : replay != null ? replay.probesOff() : java.util.Map.of());
    drillSettings = settings;
    DrillServices services =
        options.processes()
            ? ServiceProcesses.start(settings, secondary, ServiceProcesses.root(), running)
            : SandboxServices.start(settings, running);
    step(
        started,
        (options.processes()
                ? "services up, each from its packaged jar in its own JVM (/actuator/health UP): "
                : "services up: ")
            + services.describe());
    // the incident console, while seeding goes on: it needs the provider, the orchestrator and the
    // notifier
    CompletableFuture<SandboxConsole> consoleStarted = new CompletableFuture<>();
    Thread consoleStarter =
        new Thread(
            () -> {
              try {
                consoleStarted.complete(
                    keep(
                        SandboxConsole.start(
                            state,
                            consolePort,
                            kafka,
                            identity,
                            services.port("orchestrator-service"),
                            services.port("notifier-service"),
                            audit)));
              } catch (Throwable e) {
                consoleStarted.completeExceptionally(e);
              }
            },
            "sandbox-start-console");
    consoleStarter.setDaemon(true);
    consoleStarter.start();
    long seeded = join(seeding);
    step(
        started,
        "seeded "
            + seeded
            + " items into "
            + SeedData.entitiesTable(prefix)
            + " and "
            + SeedData.eventsTable(prefix)
            + (seedCopied.join() instanceof SeedCache.Hit && !saveSeed
                ? " (the seed cache's copy, its items counted in the tables)"
                : ""));

    java.util.function.Predicate<String> drillIncidents =
        id ->
            !id.startsWith(SandboxServices.SNAPSHOT_INCIDENT)
                && !id.startsWith(RestoreHistory.INCIDENT);
    try (LiveTimeline timeline = new LiveTimeline(kafka, out, started, drillIncidents);
        Disruptions disruptions =
            options.disruptions().isEmpty()
                ? null
                : new Disruptions(
                    kafka,
                    options.disruptions(),
                    disrupter((ServiceProcesses) services, brokerProcess),
                    out,
                    started,
                    drillIncidents)) {
      // the two tables' snapshots are two commands, asked for together
      CompletableFuture<Instant> eventsSnapshot =
          CompletableFuture.supplyAsync(
              () -> snapshot(kafka, SeedData.eventsTable(prefix), timeline));
      Instant snapshotAt = snapshot(kafka, SeedData.entitiesTable(prefix), timeline);
      join(eventsSnapshot);
      step(
          started,
          "logical snapshots taken into "
              + SNAPSHOT_LOCATION
              + " (restore points at "
              + snapshotAt
              + ")");
      SandboxConsole console = join(consoleStarted);
      step(
          started, "incident console at " + console.url() + " (log in as one of the people above)");
      readinessBefore = readiness(started, kafka, services.port("readiness-service"));
      if (options.failStep() != null) {
        ProtectedResources.Table table =
            SandboxServices.catalogue(settings)
                .forTable(options.faultTable())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            options.faultTable() + " is not in the drill's catalogue"));
        recorder.answer(FailedStep.stub(options.failStep(), table));
        step(
            started,
            "--fail-step "
                + options.failStep()
                + ": the recording endpoint now answers that step's call for "
                + options.faultTable()
                + " with an error");
      }

      Instant faultAt = Instant.now();
      if (replay == null || options.scenario().fault != null) {
        // a maintenance procedure's run is the detection itself: replaying one, the recorded
        // signals are
        services.inject(options.scenario(), options.faultTable());
      }
      step(
          started,
          "fault injected: "
              + options.scenario().name().toLowerCase().replace('_', ' ')
              + (options.scenario() == DrillOptions.Scenario.REGIONAL_FAILURE
                  ? ""
                  : " on " + options.faultTable())
              + (viaAlert
                  ? " (the detector's "
                      + String.join(", ", probeNames(options.scenario()))
                      + " probe off: the alert raises it)"
                  : "")
              + (replay != null
                  ? " (recorded incident "
                      + replay.recorded().incidentId()
                      + "; the detector's "
                      + (probeNames(options.scenario()).isEmpty()
                          ? "maintenance run not started"
                          : String.join(", ", probeNames(options.scenario())) + " probe off")
                      + ": its "
                      + replay.recorded().signals().size()
                      + " recorded signal(s) raise it)"
                  : ""));
      if (replay != null) {
        replay.inject(kafka, faultAt, prefix, options.faultTable(), m -> step(started, m));
      }
      AlertmanagerAlert alert =
          viaAlert
              ? new AlertmanagerAlert(
                  webhookToken, options.scenario(), PRIMARY, options.faultTable(), faultAt)
              : null;
      if (alert != null) {
        String answer = alert.send(services.port("detector-service"), true);
        step(
            started,
            "Alertmanager webhook: "
                + alert
                + " firing, POST "
                + AlertmanagerAlert.PATH
                + " answered "
                + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
      }

      java.util.function.Supplier<Optional<String>> incident =
          () -> timeline.firstIncident(e -> e instanceof IncidentOpened);
      // staying, the drill's people only acknowledge: approvals are for people in the incident
      // console
      OperatorConsole people =
          new OperatorConsole(
              services.port("orchestrator-service"),
              identity,
              !options.stay(),
              m -> step(started, m + " at " + console.url()));
      java.util.function.Consumer<String> whileOpen =
          id -> {
            try {
              people.act(id, out);
            } catch (Exception e) {
              step(
                  started,
                  "operator console: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
          };
      boolean closed = timeline.awaitClosed(incident, options.timeout(), whileOpen);
      if (!closed && options.stay() && incident.get().isPresent()) {
        // people decide at their own pace: no timeout once the incident is open
        step(
            started,
            "incident still open after "
                + options.timeout().toSeconds()
                + " s; staying: waiting for it to"
                + " close (Ctrl-C stops everything)");
        closed = timeline.awaitClosed(incident, STAY_WAIT, whileOpen);
      }
      Instant endedAt = Instant.now();
      if (alert != null && closed) {
        // as Alertmanager does once the rule stops firing: the detector clears its problem
        try {
          alert.send(services.port("detector-service"), false);
          step(started, "Alertmanager webhook: " + alert + " resolved");
        } catch (IllegalStateException | IOException e) {
          step(started, "Alertmanager webhook: resolving " + alert + " failed: " + e.getMessage());
        }
      }
      int verdict =
          verdict(
              started,
              state,
              timeline,
              incident.get(),
              closed,
              faultAt,
              endedAt,
              recorder,
              kafka,
              smtp,
              s3,
              disruptions,
              drillIncidents,
              audit,
              reports);
      if (replay != null) {
        // replaying a recorded incident, the question is whether the same path was taken
        verdict = againstRecording(timeline, incident.get(), closed);
      }
      if (options.stay()) {
        stay(console, identity, services.port("orchestrator-service"), kafka, verdict);
      }
      return verdict;
    }
  }

  /**
   * {@code --from-incident}: the drill's incident against the recorded one, its path (each step's final outcome) and its
   * measured RTO; 0 for the same path, 1 for another (or none).
   */
  private int againstRecording(LiveTimeline timeline, Optional<String> incidentId, boolean closed) {
    out.println();
    out.println("================ against the recorded incident ================");
    IncidentReplay.Comparison comparison =
        incidentId.isEmpty()
            ? IncidentReplay.Comparison.none("no incident was opened")
            : !closed
                ? IncidentReplay.Comparison.none("the incident did not close within the timeout")
                : replay.compare(incidentId.get(), timeline.eventsOf(incidentId.get()));
    return replay.report(comparison, out);
  }

  /** The tables the fault affects: every table when the region goes, else the one it hits. */
  private List<String> affectedTables() {
    return options.scenario() == DrillOptions.Scenario.REGIONAL_FAILURE
        ? List.of(
            SeedData.entitiesTable(options.tablePrefix()),
            SeedData.eventsTable(options.tablePrefix()))
        : List.of(options.faultTable());
  }

  /**
   * readiness-service's assessment of the affected tables before the fault, once it has read the replayed history
   * and the snapshots just taken; null (and said so) when it cannot be had: the drill goes on without a forecast.
   */
  private DrillReadiness.Assessment readiness(Instant started, String kafka, int port) {
    try {
      boolean caughtUp = DrillReadiness.awaitCaughtUp(kafka, Duration.ofSeconds(60));
      if (!caughtUp) {
        step(
            started,
            "readiness-service had not read the results and the timeline to their end within 60 s");
      }
      DrillReadiness.Assessment a = DrillReadiness.fetch(port);
      DrillReadiness.print(a, affectedTables(), out);
      return a;
    } catch (IOException | RuntimeException e) {
      step(started, "readiness-service: no assessment (" + e.getMessage() + ")");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** How long an open incident is waited on when staying: longer than anyone keeps a drill up. */
  private static final Duration STAY_WAIT = Duration.ofDays(365);

  /**
   * {@code --stay}: everything keeps running for people until Ctrl-C, after which the drill stops it all as at the end
   * of every drill and exits with the verdict's code. The live timeline goes on printing what people do.
   */
  private void stay(
      SandboxConsole console,
      SandboxIdentity identity,
      int orchestratorPort,
      String kafka,
      int verdict)
      throws InterruptedException, ExecutionException {
    String api = "http://127.0.0.1:" + orchestratorPort;
    out.println();
    out.println("================ staying up (--stay) ================");
    out.println(
        "verdict above: "
            + (verdict == 0 ? "RECOVERY VERIFIED" : "RECOVERY NOT VERIFIED")
            + "; everything is still"
            + " running:");
    out.println("  incident console   " + console.url());
    out.println("  " + identity.describe());
    out.println("  orchestrator API   " + api + "/api/incidents");
    out.println("  Kafka bootstrap    " + kafka);
    out.println("from a second terminal:");
    out.println("  ./drctl login --issuer " + identity.issuer());
    out.println("  ./drctl incidents --api " + api);
    out.println(
        "Ctrl-C (or kill "
            + ProcessHandle.current().pid()
            + ") stops everything"
            + (options.keepDir() == null
                ? " and removes the temporary state directory."
                : "; the state directory is kept."));
    out.flush();
    // Ctrl-C (or a plain kill, SIGTERM: a drill in the background ignores Ctrl-C) ends the stay,
    // and the drill's own end stops everything in its order (handleSignals)
    staying = true;
    String received = signalled.get();
    out.println();
    out.println(("INT".equals(received) ? "Ctrl-C" : "SIG" + received) + ": stopping everything");
  }

  /**
   * Ctrl-C and SIGTERM, for the whole drill: everything is stopped in its order (the services, then the local stack)
   * before the JVM exits. Left to the JVM, a signal runs the shutdown hooks all at once, and the embedded broker's own
   * hook deletes its log directory while the broker still writes to it. After the verdict with {@code --stay} a
   * signal ends the stay; before the verdict it ends the drill (exit 128 + the signal's number: 130, 143), and a
   * second one exits at once, without waiting for the stop.
   *
   * @return the handlers replaced, to put back when the drill is over (a test JVM runs drills in turn)
   */
  private Map<String, sun.misc.SignalHandler> handleSignals(Path state) {
    Map<String, sun.misc.SignalHandler> previous = new LinkedHashMap<>();
    for (String name : List.of("INT", "TERM")) {
      try {
        previous.put(
            name,
            sun.misc.Signal.handle(
                new sun.misc.Signal(name),
                signal -> onSignal(signal.getName(), signal.getNumber(), state)));
      } catch (IllegalArgumentException e) {
        // no such signal on this platform: the shutdown hook stops everything
      }
    }
    return previous;
  }

  private void onSignal(String name, int number, Path state) {
    String said = "INT".equals(name) ? "Ctrl-C" : "SIG" + name;
    if (!signalled.complete(name)) {
      if (aborting) {
        out.println(said + " again: exiting without waiting for the stop");
        out.flush();
        Runtime.getRuntime().halt(128 + number);
      }
      return;
    }
    if (staying) {
      return;
    }
    aborting = true;
    out.println();
    out.println(said + ": the drill stops before its verdict; stopping everything");
    out.flush();
    try {
      stopAll(state);
    } finally {
      Runtime.getRuntime().exit(128 + number);
    }
  }

  /** The drill's main thread once a signal has ended the drill: the signal's handler exits the JVM. */
  private static void awaitExit() {
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> probeNames(DrillOptions.Scenario scenario) {
    return AlertmanagerAlert.probesOff(scenario).keySet().stream()
        .map(k -> k.substring("dr.detector.probes.".length(), k.length() - ".enabled".length()))
        .toList();
  }

  /** The crash drill's hands: kill -9 and start again a service, or restart the broker. */
  private static Disruptions.Executor disrupter(ServiceProcesses services, BrokerProcess broker) {
    return d -> {
      if (Disruptions.Disruption.BROKER.equals(d.target())) {
        long before = broker.pid();
        Duration took = broker.restart();
        return "Kafka broker restarted (pid "
            + before
            + " stopped, pid "
            + broker.pid()
            + " answering after "
            + took.toMillis() / 1000.0
            + " s)";
      }
      long killed = services.kill(d.target());
      long t0 = System.nanoTime();
      long pid = services.restart(d.target());
      return d.target()
          + " killed (kill -9, pid "
          + killed
          + "), started again from its jar (pid "
          + pid
          + "), UP after "
          + Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0
          + " s";
    };
  }

  private int verdict(
      Instant started,
      Path state,
      LiveTimeline timeline,
      Optional<String> incidentId,
      boolean closed,
      Instant faultAt,
      Instant endedAt,
      RecordingEndpoint recorder,
      String kafka,
      LocalSmtp smtp,
      S3rver s3,
      Disruptions disruptions,
      java.util.function.Predicate<String> drillIncidents,
      AuditTrail audit,
      Path reports)
      throws IOException, InterruptedException {
    out.println();
    out.println("================ drill summary ================");
    if (incidentId.isEmpty()) {
      out.println(
          "NOT VERIFIED: no incident was opened within "
              + options.timeout().toSeconds()
              + " s of the fault");
      return 1;
    }
    if (options.failStep() != null && closed) {
      // a failed recovery closes as soon as it is acknowledged: its page and its report may still
      // be on their way
      awaitFailureHandled(timeline, incidentId.get(), Duration.ofSeconds(90));
    }
    // the checks that read dynalite and Kafka (the restored table's count, the repeat check, the
    // audit chain) run together while the summary is printed; their lines come out in order below
    boolean checkTables =
        options.scenario() == DrillOptions.Scenario.TABLE_CORRUPTION && options.failStep() == null;
    CompletableFuture<Optional<Long>> recoveredCount =
        checkTables
            ? CompletableFuture.supplyAsync(
                () -> {
                  try (DynamoDbClient dynamo = primaryRegion.client()) {
                    return itemCount(dynamo, options.faultTable() + "-recovery");
                  }
                },
                onItsOwnThread("drill-verdict-check"))
            : null;
    CompletableFuture<RepeatCheck.Outcome> repeatCheck =
        CompletableFuture.supplyAsync(
            () -> RepeatCheck.check(kafka, drillIncidents, recorder),
            onItsOwnThread("drill-verdict-check"));
    CompletableFuture<Verification> chainCheck =
        CompletableFuture.supplyAsync(
            () ->
                AuditTrail.verify(
                    AuditTrail.timelineValues(kafka, incidentId.get()), audit.publicKey()),
            onItsOwnThread("drill-verdict-check"));
    List<IndexedRecord> events = timeline.eventsOf(incidentId.get());
    Optional<IncidentResolved> resolved = last(events, IncidentResolved.class);
    // the monthly backup verification reports both inside its own result
    Optional<BackupRestoreVerified> backupCheck =
        events.stream()
            .filter(e -> e instanceof VerifyBackupRestoreResult)
            .map(e -> ((VerifyBackupRestoreResult) e).getOutcome())
            .filter(o -> o instanceof BackupRestoreVerified)
            .map(o -> (BackupRestoreVerified) o)
            .reduce((a, b) -> b);
    Optional<TableValidated> validated =
        events.stream()
            .filter(e -> e instanceof ValidateTableResult)
            .map(e -> ((ValidateTableResult) e).getOutcome())
            .filter(o -> o instanceof TableValidated)
            .map(o -> (TableValidated) o)
            .reduce((a, b) -> b)
            .or(() -> backupCheck.map(BackupRestoreVerified::getValidation));
    Optional<TablesCompared> compared =
        events.stream()
            .filter(e -> e instanceof CompareTablesResult)
            .map(e -> ((CompareTablesResult) e).getOutcome())
            .filter(o -> o instanceof TablesCompared)
            .map(o -> (TablesCompared) o)
            .reduce((a, b) -> b)
            .or(() -> backupCheck.map(BackupRestoreVerified::getComparison));
    Optional<String> report =
        events.stream()
            .filter(e -> e instanceof GenerateIncidentReportResult)
            .map(e -> ((GenerateIncidentReportResult) e).getOutcome())
            .filter(o -> o instanceof IncidentReportGenerated)
            .map(o -> ((IncidentReportGenerated) o).getLocation())
            .reduce((a, b) -> b);

    out.println(
        "incident         "
            + incidentId.get()
            + (closed ? " (closed)" : " (NOT closed within the timeout)"));
    out.println(
        "outcome          " + resolved.map(IncidentResolved::getOutcome).orElse("not resolved"));
    out.println("report           " + report.orElse("none"));
    Long rto = resolved.map(IncidentResolved::getMeasuredRtoSeconds).orElse(null);
    Long rpo = resolved.map(IncidentResolved::getMeasuredRpoSeconds).orElse(null);
    out.println("measured RTO     " + target(rto, RTO_TARGET_SECONDS));
    out.println("measured RPO     " + target(rpo, RPO_TARGET_SECONDS));
    out.println(
        "validation       "
            + validated
                .map(
                    v ->
                        (v.getPassed() ? "passed" : "FAILED")
                            + " ("
                            + v.getValidItems()
                            + " valid, "
                            + v.getInvalidItems()
                            + " invalid of "
                            + v.getScannedItems()
                            + " scanned)")
                .orElse("not run"));
    out.println(
        "comparison       "
            + compared
                .map(
                    c ->
                        (c.getMatches() ? "matches" : "DIFFERS")
                            + " ("
                            + c.getTargetItemCount()
                            + " items recovered, "
                            + c.getSourceItemCount()
                            + " in the snapshot)")
                .orElse("not run"));
    chosenPath(events).ifPresent(c -> out.println("recovery path    " + c));
    forecasts(events);
    out.printf(
        "wall time        %.1f s from start, %.1f s from fault to close%n",
        Duration.between(started, endedAt).toMillis() / 1000.0,
        Duration.between(faultAt, endedAt).toMillis() / 1000.0);
    out.println();
    out.println(
        "executed for real: Kafka (every event above), DynamoDB data plane on dynalite (seeding, snapshot");
    out.println(
        "  scans, fault, restore import, validation scans, comparison), S3 on s3rver (the logical snapshots:");
    out.println(
        "  "
            + bucketContents(s3, SNAPSHOT_BUCKET)
            + ", "
            + bucketContents(s3, FORENSICS_BUCKET)
            + "),");
    out.println(
        "  the services' HTTP APIs, report files, email ("
            + smtp.delivered()
            + " messages delivered to the sandbox's SMTP server).");
    out.println(
        "recorded, not executed (AWS control plane answered by the sandbox's recording endpoint):");
    recorder.recordedCalls().forEach((op, n) -> out.printf("  %4d x %s%n", n, op));
    boolean disruptedAsPlanned = true;
    if (disruptions != null) {
      out.println("crash drill:");
      disruptions.done().forEach(d -> out.println("  " + d));
      disruptions
          .notFired()
          .forEach(d -> out.println("  NOT DONE: " + d + " (the step's command never started)"));
      disruptedAsPlanned =
          disruptions.notFired().isEmpty()
              && disruptions.done().stream().noneMatch(d -> d.contains("FAILED"));
    }
    boolean tablesOk = true;
    if (checkTables) {
      tablesOk = tableChecks(recorder, recoveredCount.join());
    }
    boolean failureHandled =
        options.failStep() == null || failureHandled(events, resolved, report, recorder, smtp);
    RepeatCheck.Outcome repeats = repeatCheck.join();
    out.println(
        "nothing done twice (from the command topics, the command ledger and the recording endpoint's journal):");
    repeats.lines().forEach(l -> out.println("  " + l));
    boolean chainVerified = auditChain(audit, chainCheck.join(), incidentId.get(), reports);
    if (options.keepDir() != null) {
      int exported = KeptLog.export(kafka, state);
      out.println();
      out.println(
          "kept: " + state + " (" + exported + " log records in " + state.resolve("log") + ")");
      out.println("replay: ./drill replay " + state + " --incident " + incidentId.get());
    }
    if (options.failStep() != null) {
      // the recovery was made to fail: verified when the failure was handled as the runbook says it
      // must be
      boolean handled =
          closed && failureHandled && repeats.ok() && disruptedAsPlanned && chainVerified;
      out.println(
          handled
              ? "FAILURE HANDLED VERIFIED (the recovery failed as intended at "
                  + options.failStep()
                  + ")"
              : "FAILURE HANDLING NOT VERIFIED");
      return handled ? 0 : 1;
    }
    boolean verified =
        closed
            && resolved.map(r -> "RECOVERED".equals(r.getOutcome())).orElse(false)
            && validationOk(options.scenario(), validated, compared)
            && tablesOk
            && repeats.ok()
            && disruptedAsPlanned
            && chainVerified;
    out.println(verified ? "RECOVERY VERIFIED" : "RECOVERY NOT VERIFIED");
    return verified ? 0 : 1;
  }

  /**
   * The path the runbook's {@value #CHOOSE_PATH_ACTION} step chose and why, from its outputs on the timeline; empty
   * while the runbook has no such step.
   */
  static Optional<String> chosenPath(List<IndexedRecord> events) {
    return events.stream()
        .filter(e -> e instanceof StepSucceeded)
        .map(e -> (StepSucceeded) e)
        .filter(s -> CHOOSE_PATH_ACTION.equals(s.getAction()))
        .map(
            s -> {
              Map<String, String> o = s.getOutputs() == null ? Map.of() : s.getOutputs();
              String path = o.getOrDefault("path", o.getOrDefault("kind", "?"));
              String reason = o.get("reason");
              return s.getMetadata().getStepId()
                  + ": "
                  + path
                  + (reason == null ? "" : " (" + reason + ")");
            })
        .reduce((a, b) -> a + "; " + b);
  }

  static final String CHOOSE_PATH_ACTION = "restore.chooseRecoveryPath";

  /**
   * The incident's restores: each one's forecast P90 (readiness-service's, before the fault) against its measured
   * duration, and each one added to the restore history for the next drill's forecast.
   */
  private void forecasts(List<IndexedRecord> events) {
    Map<String, StepStarted> steps = new java.util.HashMap<>();
    events.stream()
        .filter(e -> e instanceof StepStarted)
        .map(e -> (StepStarted) e)
        .filter(s -> s.getCommandEventId() != null)
        .forEach(s -> steps.put(s.getCommandEventId(), s));
    List<RestoreHistory.Restore> measured = new ArrayList<>();
    for (IndexedRecord e : events) {
      if (!(e instanceof ImportTableSnapshotResult r)
          || !(r.getOutcome() instanceof TableSnapshotImported t)) {
        continue;
      }
      String target = t.getTableName();
      String source =
          target.endsWith("-recovery")
              ? target.substring(0, target.length() - "-recovery".length())
              : target;
      String name =
          source.startsWith(options.tablePrefix() + "-")
              ? source.substring(options.tablePrefix().length() + 1)
              : null;
      if (name == null || !DrillOptions.TABLES.contains(name)) {
        continue;
      }
      StepStarted step = steps.get(r.getMetadata().getCausationId());
      String region = step == null ? null : step.getParameters().get("region");
      String path =
          region != null && !region.isBlank() && !region.equals(PRIMARY)
              ? "CROSS_REGION_SNAPSHOT_IMPORT"
              : RestoreHistory.SNAPSHOT_IMPORT;
      out.println(
          "restore forecast "
              + DrillReadiness.forecastError(readinessBefore, source, path, t.getDurationMillis()));
      measured.add(
          new RestoreHistory.Restore(
              name,
              t.getItemCount(),
              path,
              t.getDurationMillis(),
              r.getMetadata().getOccurredAt(),
              r.getMetadata().getIncidentId(),
              r.getMetadata().getEventId()));
    }
    if (history != null) {
      try {
        int dropped = history.append(measured);
        out.println(
            "restore history  "
                + measured.size()
                + " restore(s) added to "
                + history.file()
                + (dropped == 0
                    ? ""
                    : "; the "
                        + dropped
                        + " oldest dropped (the newest "
                        + RestoreHistory.KEPT
                        + " are kept)"));
      } catch (IOException e) {
        out.println("restore history  not written: " + e.getMessage());
      }
    }
  }

  /**
   * Scenario 2 on the chosen table: its recovery table was restored and its function's table variable (names from
   * the orchestrator's catalogue) cut over to it, and the other table was left alone: no recovery table of its own, no
   * update of its function.
   *
   * @param recovered the item count of the hit table's {@code -recovery} table, when it exists
   */
  private boolean tableChecks(RecordingEndpoint recorder, Optional<Long> recovered)
      throws IOException {
    ProtectedResources catalogue = SandboxServices.catalogue(drillSettings);
    String hit = options.faultTable();
    String other =
        DrillOptions.TABLES.stream()
            .filter(t -> !t.equals(options.table()))
            .map(t -> options.tablePrefix() + "-" + t)
            .findFirst()
            .orElseThrow();
    ProtectedResources.Table hitEntry = catalogue.forTable(hit).orElseThrow();
    ProtectedResources.Table otherEntry = catalogue.forTable(other).orElseThrow();
    out.println("tables (the fault hit " + hit + "):");
    boolean ok = true;
    try (DynamoDbClient dynamo = primaryRegion.client()) {
      ok &= recovered.isPresent();
      out.println(
          "  "
              + (recovered.isPresent() ? "ok    " : "FAIL  ")
              + hit
              + "-recovery "
              + recovered
                  .map(n -> "restored in " + PRIMARY + " (" + n + " items)")
                  .orElse("NOT restored"));
      String fn = hitEntry.functions().get(0);
      boolean cutOver =
          updates(recorder, fn)
              .anyMatch(v -> (hit + "-recovery").equals(v.get(hitEntry.tableVariable())));
      ok &= cutOver;
      out.println(
          "  "
              + (cutOver ? "ok    " : "FAIL  ")
              + fn
              + " "
              + hitEntry.tableVariable()
              + " "
              + (cutOver
                  ? "cut over to " + hit + "-recovery"
                  : "NOT cut over to " + hit + "-recovery"));
      Optional<Long> otherRecovered = itemCount(dynamo, other + "-recovery");
      String otherFn = otherEntry.functions().get(0);
      long otherUpdates =
          otherFn.equals(fn)
              ? updates(recorder, fn)
                  .filter(
                      v ->
                          v.containsKey(otherEntry.tableVariable())
                              && v.get(otherEntry.tableVariable()).endsWith("-recovery"))
                  .count()
              : updates(recorder, otherFn).count();
      boolean alone = otherRecovered.isEmpty() && otherUpdates == 0;
      ok &= alone;
      out.println(
          "  "
              + (alone ? "ok    " : "FAIL  ")
              + other
              + " left alone: "
              + (otherRecovered.isEmpty()
                  ? "no " + other + "-recovery"
                  : other + "-recovery EXISTS")
              + ", "
              + otherFn
              + " "
              + (otherUpdates == 0 ? "not updated" : "updated " + otherUpdates + " time(s)"));
    }
    return ok;
  }

  /** The table's items, every page of the scan counted; empty when there is no such table. */
  static Optional<Long> itemCount(DynamoDbClient dynamo, String table) {
    try {
      return Optional.of(SeedData.count(dynamo, table));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The environment variables of each accepted UpdateFunctionConfiguration of the function, oldest first. */
  private static Stream<Map<String, String>> updates(RecordingEndpoint recorder, String function) {
    String operation = "PUT /2015-03-31/functions/" + function + "/configuration";
    return recorder.calls().stream()
        .filter(c -> c.operation().equals(operation) && !c.failed())
        .map(
            c -> {
              Map<String, String> variables = new java.util.LinkedHashMap<>();
              try {
                new tools.jackson.databind.ObjectMapper()
                    .readTree(c.body())
                    .path("Environment")
                    .path("Variables")
                    .properties()
                    .forEach(v -> variables.put(v.getKey(), v.getValue().asString()));
              } catch (RuntimeException e) {
                // not JSON: no variables
              }
              return variables;
            });
  }

  /** Waits until the failed incident's escalation was delivered and its report generated, or the timeout passes. */
  private static void awaitFailureHandled(
      LiveTimeline timeline, String incidentId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<IndexedRecord> events = timeline.eventsOf(incidentId);
      boolean paged =
          events.stream()
              .anyMatch(e -> e instanceof NotificationAttempted n && escalationDelivered(n));
      boolean reported =
          events.stream()
              .anyMatch(
                  e ->
                      e instanceof GenerateIncidentReportResult r
                          && r.getOutcome() instanceof IncidentReportGenerated);
      if (paged && reported) {
        return;
      }
      Thread.sleep(250);
    }
  }

  private static boolean escalationDelivered(NotificationAttempted n) {
    return "escalation".equals(n.getTemplateId())
        && n.getOutcome() == DeliveryOutcome.DELIVERED
        && PAGING_CHANNELS.contains(n.getChannel());
  }

  /** The escalation path's channels the drill can check really received the page: its SMTP server, SNS recorded. */
  static final java.util.Set<String> PAGING_CHANNELS = java.util.Set.of("sns", "email");

  /**
   * {@code --fail-step}: the step failed, the incident resolved as FAILED, escalation was raised and paged through a
   * channel that really received it (an SNS Publish answered by the recording endpoint, a message on the SMTP
   * server), and the failed incident's report was written.
   */
  private boolean failureHandled(
      List<IndexedRecord> events,
      Optional<IncidentResolved> resolved,
      Optional<String> report,
      RecordingEndpoint recorder,
      LocalSmtp smtp) {
    out.println("failure handling (--fail-step " + options.failStep() + "):");
    Optional<StepFailed> failed =
        events.stream()
            .filter(e -> e instanceof StepFailed)
            .map(e -> (StepFailed) e)
            .filter(
                f ->
                    !f.getWillRetry()
                        && f.getMetadata().getStepId() != null
                        && (f.getMetadata().getStepId().equals(options.failStep())
                            || f.getMetadata().getStepId().startsWith(options.failStep() + "-")))
            .findFirst();
    boolean ok =
        check(
            failed.isPresent(),
            "step "
                + options.failStep()
                + " failed: "
                + failed.map(f -> String.valueOf(f.getFailure())).orElse("NO StepFailed for it"));
    String outcome = resolved.map(IncidentResolved::getOutcome).orElse("not resolved");
    ok &= check("FAILED".equals(outcome), "incident resolved as " + outcome);
    List<EscalationRaised> escalations =
        events.stream()
            .filter(e -> e instanceof EscalationRaised)
            .map(e -> (EscalationRaised) e)
            .toList();
    ok &=
        check(
            !escalations.isEmpty(),
            escalations.isEmpty()
                ? "NO escalation raised"
                : "escalation raised: "
                    + escalations.stream()
                        .map(
                            e ->
                                "level "
                                    + e.getLevel()
                                    + " to "
                                    + e.getTarget()
                                    + " ("
                                    + e.getReason()
                                    + ")")
                        .collect(java.util.stream.Collectors.joining("; ")));
    List<String> paged =
        events.stream()
            .filter(e -> e instanceof NotificationAttempted n && escalationDelivered(n))
            .map(
                e ->
                    ((NotificationAttempted) e).getChannel()
                        + " to "
                        + ((NotificationAttempted) e).getRecipient())
            .distinct()
            .toList();
    long snsPublished =
        recorder.calls().stream()
            .filter(c -> c.operation().equals("query:Publish") && !c.failed())
            .count();
    int mailed = smtp.delivered();
    boolean reallySent =
        (paged.stream().anyMatch(p -> p.startsWith("sns ")) && snsPublished > 0)
            || (paged.stream().anyMatch(p -> p.startsWith("email ")) && mailed > 0);
    ok &=
        check(
            reallySent,
            "paged: "
                + (paged.isEmpty() ? "NO escalation delivered" : String.join(", ", paged))
                + " ("
                + snsPublished
                + " SNS Publish received by the recording endpoint, "
                + mailed
                + " messages on the SMTP server)");
    boolean reportWritten = report.map(SandboxDrill::exists).orElse(false);
    ok &=
        check(
            reportWritten,
            "report of the failed incident: "
                + report.orElse("NONE")
                + (report.isPresent() && !reportWritten ? " (not found)" : ""));
    return ok;
  }

  private boolean check(boolean ok, String line) {
    out.println("  " + (ok ? "ok    " : "FAIL  ") + line);
    return ok;
  }

  /** The report's location (a path or a file: URI) names a file that is there. */
  private static boolean exists(String location) {
    try {
      Path p =
          location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
      return Files.exists(p);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The incident's timeline as an auditor checks it: its raw records read back from {@code dr.incidents.timeline}
   * (committed only), every hash recomputed and the signed head checked against the drill's public key, which is
   * published next to the report for anyone to check again later ({@code ./drill replay} does, from a kept log).
   */
  private boolean auditChain(AuditTrail audit, Verification chain, String incidentId, Path reports)
      throws IOException {
    // the notifier writes the incident's report into reports/<incident id>/
    Path publicKey = audit.publish(reports.resolve(incidentId));
    out.println(
        "audit chain (the incident's timeline records from "
            + io.drautopilot.contracts.Topics.INCIDENT_TIMELINE
            + ", every hash recomputed):");
    out.println("  chain head     " + (chain.head() == null ? "none" : chain.head()));
    out.println(
        "  signing key    "
            + audit.keyId()
            + " (Ed25519, generated for this drill; public key "
            + publicKey
            + ")");
    out.println("  " + chain.summary());
    return chain.status() == Verification.Status.VERIFIED;
  }

  static boolean validationOk(
      DrillOptions.Scenario scenario,
      Optional<TableValidated> validated,
      Optional<TablesCompared> compared) {
    return switch (scenario) {
      case TABLE_CORRUPTION, REGIONAL_FAILURE, BACKUP_VERIFICATION, DR_DRILL ->
          validated.map(TableValidated::getPassed).orElse(false)
              && compared.map(TablesCompared::getMatches).orElse(false);
      case SECURITY_BREACH, PERFORMANCE_DEGRADATION -> true;
    };
  }

  /** "N objects (M bytes) in s3://bucket", from s3rver itself. */
  private static String bucketContents(S3rver s3, String bucket) {
    try (S3Client client = s3.client()) {
      long objects = 0;
      long bytes = 0;
      for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
        objects++;
        bytes += o.size();
      }
      return objects + " objects (" + bytes + " bytes) in s3://" + bucket;
    } catch (RuntimeException e) {
      return "s3://" + bucket + " not listed: " + e.getMessage();
    }
  }

  private static String target(Long measured, long target) {
    if (measured == null) {
      return "not measured (target " + target + " s)";
    }
    return measured + " s against " + target + " s: " + (measured <= target ? "met" : "EXCEEDED");
  }

  private static <T> Optional<T> last(List<IndexedRecord> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b);
  }

  /** Something of the local stack that starts on its own thread. */
  @FunctionalInterface
  private interface Starter<T extends AutoCloseable> {
    T start() throws Exception;
  }

  /**
   * The local stack's parts starting together, each on its own thread: each is kept (stopped at the end) as soon as it
   * runs and its line printed when it is up, so a part that fails leaves nothing running unseen.
   */
  private final class LocalStack {

    private final List<CompletableFuture<?>> parts = new ArrayList<>();

    /**
     * Starts a part of the stack on its own thread; its line is printed once it has started, and its failure names it.
     */
    <T extends AutoCloseable> CompletableFuture<T> start(
        String name, Starter<T> starter, Function<T, String> line, Instant started) {
      CompletableFuture<T> part = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  T resource = keep(starter.start());
                  step(started, line.apply(resource));
                  part.complete(resource);
                } catch (Exception e) {
                  part.completeExceptionally(
                      new IllegalStateException(name + " did not start: " + e.getMessage(), e));
                } catch (Throwable e) {
                  part.completeExceptionally(e);
                }
              },
              "sandbox-start");
      thread.setDaemon(true);
      thread.start();
      parts.add(part);
      return part;
    }

    /** Waits for every part, then fails with the first part's failure, if any. */
    void awaitAll() throws Exception {
      CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .join();
      for (CompletableFuture<?> part : parts) {
        join(part);
      }
    }
  }

  /**
   * Earlier drills' restores back on the fresh broker, for readiness-service's forecast; a failure names the history
   * file and the way around it.
   */
  private void replayEarlierRestores(String kafka, String prefix, Instant started)
      throws IOException {
    List<RestoreHistory.Restore> earlier = history.read();
    int replayed;
    try {
      replayed = RestoreHistory.replay(kafka, prefix, earlier);
    } catch (RuntimeException e) {
      StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        why.append(": ").append(c.getMessage());
      }
      throw new IllegalStateException(
          "restore history "
              + history.file()
              + ": its restores could not be replayed onto "
              + io.drautopilot.contracts.Topics.COMMAND_RESULTS
              + " ("
              + why
              + "); --history off runs the drill without it",
          e);
    }
    step(
        started,
        "restore history "
            + history.file()
            + ": "
            + earlier.size()
            + " earlier restores, "
            + replayed
            + " replayed onto "
            + io.drautopilot.contracts.Topics.COMMAND_RESULTS
            + " for readiness-service");
  }

  /** The broker, once the topic catalog's topics are on it; closed if they cannot be created. */
  private static <B extends AutoCloseable> B withTopics(
      B broker, Function<B, String> bootstrapServers) throws Exception {
    try {
      SandboxKafka.createTopics(bootstrapServers.apply(broker));
      return broker;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /**
   * Runs each task on a new daemon thread of that name: the common pool has a single thread on two
   * cores, and these tasks mostly wait on dynalite or Kafka.
   */
  private static Executor onItsOwnThread(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    };
  }

  /** The table's logical snapshot into the snapshot location, taken by restore-service. */
  private static Instant snapshot(String kafka, String table, LiveTimeline timeline) {
    try {
      return DrillServices.snapshot(
          kafka, table, SNAPSHOT_LOCATION, timeline, Duration.ofMinutes(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the snapshot of " + table + " ran", e);
    }
  }

  /** The future's value, or the exception it failed with (not wrapped). */
  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Closes every one of them, each on its own thread, and returns when all are closed (best effort). */
  private static void closeTogether(List<AutoCloseable> resources) {
    List<Thread> closing = new ArrayList<>();
    for (AutoCloseable resource : resources) {
      Thread t =
          new Thread(
              () -> {
                try {
                  resource.close();
                } catch (Exception ignored) {
                  // best effort: everything else must still stop
                }
              },
              "sandbox-stop");
      t.start();
      closing.add(t);
    }
    for (Thread t : closing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    synchronized (running) {
      running.add(resource);
    }
    return resource;
  }

  private void stopAll(Path state) {
    // the shutdown hook and the drill's own end may both get here; the one that comes second finds
    // nothing left
    synchronized (running) {
      // the services first, all at once (their consumers leave their groups while the broker is
      // still there), then
      // the local stack, all at once
      int services = Math.min(stackParts, running.size());
      closeTogether(running.subList(services, running.size()));
      closeTogether(running.subList(0, services));
      running.clear();
    }
    if (options.keepDir() == null && Files.exists(state)) {
      try (Stream<Path> files = Files.walk(state)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temporary directory
      }
    }
  }

  private void step(Instant started, String message) {
    if (aborting) {
      // the services are going away under the drill's own work: what it would say now is noise
      return;
    }
    out.printf(
        "[+%6.1fs] sandbox        %s%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0, message);
  }
}
