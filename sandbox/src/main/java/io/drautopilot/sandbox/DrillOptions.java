package io.drautopilot.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of the drill.
 *
 * @param processes the production topology: each service from its packaged jar in its own JVM, a standalone broker
 * @param disruptions the crash drill: what to kill or restart at which step (production topology only)
 * @param via how the detector learns of the fault: its own probes, or an Alertmanager webhook
 * @param stay after the verdict, keep everything running for people until Ctrl-C; the drill's own people only
 *             acknowledge (approvals are left to the incident console), and an opened incident is waited on past the
 *             timeout
 * @param table the seed table the fault hits, by its catalogue name ({@code entities} or {@code events})
 * @param failStep the runbook step whose AWS or HTTP call the recording endpoint answers with an error (null: none)
 * @param history the file of earlier drills' restores, fed to readiness-service and added to (null: none kept)
 * @param fromIncident a recorded incident's drill directory ({@code drctl drill-from ID --to DIR}): its signals are
 *                     re-injected instead of the detector's probes raising the incident, and its path is compared
 *                     (null: none)
 * @param freshSeed seed the primary region's tables item by item even when a seeded copy of them is in the seed
 *                  cache ({@link SeedCache}), and save none
 */
record DrillOptions(
    Scenario scenario,
    int items,
    Path keepDir,
    Duration timeout,
    String tablePrefix,
    boolean quiet,
    boolean processes,
    List<Disruptions.Disruption> disruptions,
    Via via,
    boolean stay,
    String table,
    String failStep,
    Path history,
    Path fromIncident,
    boolean freshSeed) {

  /** The seed's tables by their catalogue names: the fault hits one of them. */
  static final List<String> TABLES = List.of("entities", "events");

  DrillOptions {
    disruptions = List.copyOf(disruptions);
    if (via == Via.ALERTMANAGER && scenario.fault == null) {
      throw new IllegalArgumentException(
          "--via alertmanager needs a fault scenario (1, 2, 3 or 4), not " + scenario.flag);
    }
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("unknown table '" + table + "': use one of " + TABLES);
    }
    if (failStep != null && !FailedStep.STEPS.containsKey(failStep)) {
      throw new IllegalArgumentException(
          "--fail-step "
              + failStep
              + ": the sandbox can fail only the steps whose call "
              + "it answers: "
              + String.join(", ", FailedStep.STEPS.keySet()));
    }
    if (fromIncident != null && via == Via.ALERTMANAGER) {
      throw new IllegalArgumentException(
          "--from-incident raises the incident with the recorded signals, not with --via "
              + "alertmanager");
    }
  }

  /** Seeded from the seed cache when it holds the seed. */
  DrillOptions(
      Scenario scenario,
      int items,
      Path keepDir,
      Duration timeout,
      String tablePrefix,
      boolean quiet,
      boolean processes,
      List<Disruptions.Disruption> disruptions,
      Via via,
      boolean stay,
      String table,
      String failStep,
      Path history,
      Path fromIncident) {
    this(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        table,
        failStep,
        history,
        fromIncident,
        false);
  }

  /** No recorded incident replayed. */
  DrillOptions(
      Scenario scenario,
      int items,
      Path keepDir,
      Duration timeout,
      String tablePrefix,
      boolean quiet,
      boolean processes,
      List<Disruptions.Disruption> disruptions,
      Via via,
      boolean stay,
      String table,
      String failStep,
      Path history) {
    this(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        table,
        failStep,
        history,
        null);
  }

  /** Staying or not, on the entities table, no step failed, no history. */
  DrillOptions(
      Scenario scenario,
      int items,
      Path keepDir,
      Duration timeout,
      String tablePrefix,
      boolean quiet,
      boolean processes,
      List<Disruptions.Disruption> disruptions,
      Via via,
      boolean stay) {
    this(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        "entities",
        null,
        null);
  }

  /** The fault on another of the seed's tables. */
  DrillOptions withTable(String name) {
    return new DrillOptions(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        name,
        failStep,
        history,
        fromIncident,
        freshSeed);
  }

  /** The step's call answered with an error. */
  DrillOptions withFailStep(String step) {
    return new DrillOptions(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        table,
        step,
        history,
        fromIncident,
        freshSeed);
  }

  /** Earlier drills' restores read from, and this one's added to, the file. */
  DrillOptions withHistory(Path file) {
    return new DrillOptions(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        table,
        failStep,
        file,
        fromIncident,
        freshSeed);
  }

  /** The recorded incident in {@code dir} replayed (its scenario and table are set from it when the drill starts). */
  DrillOptions withFromIncident(Path dir) {
    return new DrillOptions(
        scenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        table,
        failStep,
        history,
        dir,
        freshSeed);
  }

  /** The recording's scenario and seed table. */
  DrillOptions replaying(Scenario recordedScenario, String recordedTable) {
    return new DrillOptions(
        recordedScenario,
        items,
        keepDir,
        timeout,
        tablePrefix,
        quiet,
        processes,
        disruptions,
        via,
        stay,
        recordedTable,
        failStep,
        history,
        fromIncident,
        freshSeed);
  }

  /** The full name of the table the fault hits. */
  String faultTable() {
    return tablePrefix + "-" + table;
  }

  /**
   * A table given as its catalogue name ({@code events}) or its full name ({@code tyler-setup-sandbox-events}).
   */
  static String tableName(String value, String prefix) {
    for (String t : TABLES) {
      if (t.equals(value) || (prefix + "-" + t).equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown --table '"
            + value
            + "': use one of "
            + String.join(", ", TABLES)
            + " (or the full names "
            + String.join(", ", TABLES.stream().map(t -> prefix + "-" + t).toList())
            + ")");
  }

  /** The per-user file of the drills' restores: {@code $XDG_STATE_HOME/dr-autopilot/}, else {@code ~/.local/state/}. */
  static Path defaultHistory() {
    String state = System.getenv("XDG_STATE_HOME");
    Path dir =
        state != null && !state.isBlank()
            ? Path.of(state)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return dir.resolve("dr-autopilot").resolve(RestoreHistory.FILE_NAME);
  }

  /** The one-JVM drill. */
  DrillOptions(
      Scenario scenario,
      int items,
      Path keepDir,
      Duration timeout,
      String tablePrefix,
      boolean quiet) {
    this(scenario, items, keepDir, timeout, tablePrefix, quiet, false, List.of(), Via.PROBES);
  }

  /** Not staying after the verdict. */
  DrillOptions(
      Scenario scenario,
      int items,
      Path keepDir,
      Duration timeout,
      String tablePrefix,
      boolean quiet,
      boolean processes,
      List<Disruptions.Disruption> disruptions,
      Via via) {
    this(scenario, items, keepDir, timeout, tablePrefix, quiet, processes, disruptions, via, false);
  }

  /** Found by the probes. */
  DrillOptions(
      Scenario scenario,
      int items,
      Path keepDir,
      Duration timeout,
      String tablePrefix,
      boolean quiet,
      boolean processes,
      List<Disruptions.Disruption> disruptions) {
    this(scenario, items, keepDir, timeout, tablePrefix, quiet, processes, disruptions, Via.PROBES);
  }

  /** How the fault reaches the detector. */
  enum Via {
    PROBES,
    ALERTMANAGER;

    static Via parse(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "probes" -> PROBES;
        case "alertmanager" -> ALERTMANAGER;
        default ->
            throw new IllegalArgumentException(
                "unknown --via '" + value + "': use probes or alertmanager");
      };
    }
  }

  /** What to inject. */
  enum Scenario {
    TABLE_CORRUPTION("2", "table-corruption"),
    REGIONAL_FAILURE("1", "region-unreachable"),
    SECURITY_BREACH("3", "breach-signal"),
    PERFORMANCE_DEGRADATION("4", "throttling"),
    BACKUP_VERIFICATION("backup-verification", null),
    DR_DRILL("dr-drill", null);

    final String flag;
    final String fault;

    Scenario(String flag, String fault) {
      this.flag = flag;
      this.fault = fault;
    }

    static Scenario parse(String value) {
      String v = value.toLowerCase(Locale.ROOT).replace('_', '-');
      for (Scenario s : values()) {
        if (s.flag.equals(v) || s.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "unknown scenario '"
              + value
              + "': use 1 (regional failure), 2 (table corruption), 3 (security breach), 4 (performance), "
              + "backup-verification or dr-drill");
    }
  }

  static final String USAGE =
      """
      usage: ./drill [--scenario 2|1|3|4|backup-verification|dr-drill] [--items N] [--keep DIR] [--timeout SECONDS]
                     [--via probes|alertmanager] [--processes [--kill SERVICE@STEP-ID]... [--restart-broker STEP-ID]]
                     [--stay] [--table entities|events] [--fail-step STEP-ID] [--history FILE|off]
                     [--from-incident DIR] [--fresh-seed]
             ./drill replay DIR [--incident ID]

        --scenario   the fault to inject (default 2: single-table corruption)
                       1  primary region unreachable        3  breach signal (needs two approvals)
                       2  table corruption                  4  throttling
                       backup-verification                  dr-drill (quarterly, measures recovery time)
        --items      items seeded across the seed's tables (default 50000)
        --fresh-seed write every item into the primary region's dynalite as the drill starts (as the first drill
                     of a seed does), instead of starting it on a copy of an earlier drill's seeded tables from
                     sandbox/target/seed-cache (the same with DRILL_SEED_CACHE=off)
        --keep DIR   keep all state (Kafka log export, dynalite data, s3rver's buckets with the snapshots,
                     reports) in DIR; default: a temporary directory removed on exit
        --timeout    give up after this many seconds (default 600; with --stay, only on an incident that never opened)
        --via        how the detector learns of the fault (scenarios 1-4): probes (default: its own probes find the
                     damage) or alertmanager (the drill damages the system, then posts an Alertmanager v4 webhook
                     alert to the detector's /alerts/alertmanager with its token; the probe that would see the fault
                     is off, so the alert raises the incident)
        --processes  production topology: every service from its packaged jar (<module>/target/*-exec.jar) as its
                     own JVM, a standalone KRaft broker as its own process; each must reach /actuator/health UP
        --kill SERVICE@STEP-ID
                     crash drill (implies --processes): kill -9 the service once it has started the step's command
                     (e.g. restore-service@import-snapshot), then start it again; repeatable
        --restart-broker STEP-ID
                     crash drill (implies --processes): restart the broker once the step's command has started
                     With either, the drill is verified only if no command and no state-changing AWS call was repeated.
        --stay       after the verdict keep the stack, the services, the identity provider and the incident console
                     running, print how to reach them, and wait until Ctrl-C (then stop everything and exit with
                     the verdict's code). The drill's people only acknowledge: approvals (Scenario 3's gates) are
                     left to people in the incident console, and the drill waits for the incident to close however
                     long that takes
        --table      the seed table the fault hits (default entities; events, or either's full name, e.g.
                     tyler-setup-sandbox-events): Scenario 2 then recovers that table into <table>-recovery and
                     cuts its function's table variable over to it, and the drill checks the other table was
                     left alone
        --fail-step STEP-ID
                     a recovery made to fail: the recording endpoint answers the step's AWS or HTTP call with an
                     error (cut-over, open-circuit-breaker, close-circuit-breaker, verify-service-health;
                     fail-over-dns in Scenario 1), so the service really gets the failure. The drill is then
                     verified (exit 0, "FAILURE HANDLED VERIFIED") only if the step failed, the incident resolved
                     as FAILED, escalation was raised and paged (SNS or email really sent) and the failed
                     incident's report was written; exit 1 otherwise
        --history FILE
                     the drills' measured restores (table, items, path, duration), one JSON line each, the
                     newest 50 kept from one drill to the next for readiness-service's forecast (default
                     $XDG_STATE_HOME/dr-autopilot/drill-restores.jsonl, else
                     ~/.local/state/dr-autopilot/drill-restores.jsonl; off: none read or written). Before the
                     fault the drill prints the readiness of the affected table (score, P50/P90 restore forecast
                     by path and its basis, forecast RTO/RPO against the targets), after it the forecast P90
                     against the measured restore and the error in %
        --from-incident DIR
                     drill a recorded incident again: DIR/incident-drill.json, written by drctl drill-from ID
                     --to DIR. The drill does the damage of the recording's scenario on the table it names (no
                     --scenario or --table with it), with the detector's probes for it off, and publishes the
                     recorded detection signals on dr.incidents.detected at their original spacing after the
                     fault (fresh event ids, the same fingerprint, times on the drill's clock, the recording's
                     tables mapped to the drill's). When the incident closes, its path (each step's final
                     outcome) is compared with the recorded one: "same runbook path" (exit 0) or the first
                     difference (exit 1), and its measured RTO is printed next to the recorded one and the target
        replay DIR   an incident of a kept drill (--incident ID; default the first opened) from its log alone,
                     with drctl's own commands in this JVM: drctl timeline, report, verify (the audit chain
                     checked with the public key kept next to the report) and replay ID --from DIR (the engine run
                     again offline with the drill's catalogue and runbook variables); exit 0 only when all four
                     answer 0, else the first other exit code (1 a broken chain or a replay that differs, 2 a
                     record that does not decode or an unknown incident)
      """;

  static DrillOptions parse(String[] args) {
    Scenario scenario = Scenario.TABLE_CORRUPTION;
    int items = 50_000;
    Path keep = null;
    Duration timeout = Duration.ofSeconds(600);
    boolean quiet = false;
    boolean processes = false;
    boolean stay = false;
    String table = "entities";
    String failStep = null;
    Path history = defaultHistory();
    Path fromIncident = null;
    boolean freshSeed = "off".equals(System.getenv("DRILL_SEED_CACHE"));
    boolean scenarioGiven = false;
    boolean tableGiven = false;
    String prefix = "tyler-setup-sandbox";
    Via via = Via.PROBES;
    List<Disruptions.Disruption> disruptions = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--scenario" -> {
          scenario = Scenario.parse(value(args, ++i, a));
          scenarioGiven = true;
        }
        case "--items" -> items = positive(value(args, ++i, a), a);
        case "--keep" -> keep = Path.of(value(args, ++i, a)).toAbsolutePath();
        case "--timeout" -> timeout = Duration.ofSeconds(positive(value(args, ++i, a), a));
        case "--quiet" -> quiet = true;
        case "--processes" -> processes = true;
        case "--stay" -> stay = true;
        case "--fresh-seed" -> freshSeed = true;
        case "--table" -> {
          table = tableName(value(args, ++i, a), prefix);
          tableGiven = true;
        }
        case "--from-incident" -> fromIncident = Path.of(value(args, ++i, a)).toAbsolutePath();
        case "--fail-step" -> failStep = value(args, ++i, a);
        case "--history" -> {
          String v = value(args, ++i, a);
          history = v.equals("off") ? null : Path.of(v).toAbsolutePath();
        }
        case "--via" -> via = Via.parse(value(args, ++i, a));
        case "--kill" -> disruptions.add(Disruptions.Disruption.parse(value(args, ++i, a)));
        case "--restart-broker" ->
            disruptions.add(
                new Disruptions.Disruption(Disruptions.Disruption.BROKER, value(args, ++i, a)));
        default -> {
          if (a.startsWith("--kill=")) {
            disruptions.add(Disruptions.Disruption.parse(a.substring("--kill=".length())));
          } else if (a.startsWith("--restart-broker@") || a.startsWith("--restart-broker=")) {
            disruptions.add(
                new Disruptions.Disruption(
                    Disruptions.Disruption.BROKER, a.substring("--restart-broker@".length())));
          } else {
            throw new IllegalArgumentException("unknown option '" + a + "'");
          }
        }
      }
    }
    if (fromIncident != null && (scenarioGiven || tableGiven)) {
      throw new IllegalArgumentException(
          "--from-incident takes the scenario and the table from the recorded incident:"
              + " no --scenario or --table with it");
    }
    return new DrillOptions(
        scenario,
        items,
        keep,
        timeout,
        prefix,
        quiet,
        processes || !disruptions.isEmpty(),
        disruptions,
        via,
        stay,
        table,
        failStep,
        history,
        fromIncident,
        freshSeed);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String v, String option) {
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a positive whole number, not '" + v + "'");
    }
  }
}
