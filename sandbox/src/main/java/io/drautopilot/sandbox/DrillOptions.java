package io.drautopilot.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Command-line options of the drill. */
record DrillOptions(Scenario scenario, int items, Path keepDir, Duration timeout, String tablePrefix, boolean quiet) {

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
      throw new IllegalArgumentException("unknown scenario '" + value
          + "': use 1 (regional failure), 2 (table corruption), 3 (security breach), 4 (performance), "
          + "backup-verification or dr-drill");
    }
  }

  static final String USAGE = """
      usage: ./drill [--scenario 2|1|3|4|backup-verification|dr-drill] [--items N] [--keep DIR] [--timeout SECONDS]
             ./drill replay DIR [--incident ID]

        --scenario   the fault to inject (default 2: single-table corruption)
                       1  primary region unreachable        3  breach signal (needs two approvals)
                       2  table corruption                  4  throttling
                       backup-verification                  dr-drill (quarterly, measures recovery time)
        --items      items seeded across the seed's tables (default 50000)
        --keep DIR   keep all state (Kafka log export, dynalite data, s3rver's buckets with the snapshots,
                     reports) in DIR; default: a temporary directory removed on exit
        --timeout    give up after this many seconds (default 600)
        replay DIR   print an incident's timeline and report again from a kept drill's log alone
      """;

  static DrillOptions parse(String[] args) {
    Scenario scenario = Scenario.TABLE_CORRUPTION;
    int items = 50_000;
    Path keep = null;
    Duration timeout = Duration.ofSeconds(600);
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--scenario" -> scenario = Scenario.parse(value(args, ++i, a));
        case "--items" -> items = positive(value(args, ++i, a), a);
        case "--keep" -> keep = Path.of(value(args, ++i, a)).toAbsolutePath();
        case "--timeout" -> timeout = Duration.ofSeconds(positive(value(args, ++i, a), a));
        case "--quiet" -> quiet = true;
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    return new DrillOptions(scenario, items, keep, timeout, "tyler-setup-sandbox", quiet);
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
      throw new IllegalArgumentException(option + " must be a positive whole number, not '" + v + "'");
    }
  }
}
