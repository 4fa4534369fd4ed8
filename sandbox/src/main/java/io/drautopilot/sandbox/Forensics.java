package io.drautopilot.sandbox;

import io.drautopilot.drctl.Drctl;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.DrillLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./drill replay DIR [--incident ID]}: an incident of a kept drill, from its exported log alone (no running
 * service, no database), with drctl's own commands in this process: {@code drctl timeline}, {@code report},
 * {@code verify} (the chain checked with the public key the drill published next to the report) and {@code replay ID
 * --from DIR} (the engine run again offline on the recorded inputs and clock ticks, with the drill's catalogue and
 * runbook variables: the same commands and timeline, or the first difference).
 */
final class Forensics {

  /** drctl's commands, in the order they are run. */
  static final List<String> COMMANDS = List.of("timeline", "report", "verify", "replay");

  private Forensics() {}

  static int run(String[] args, PrintStream out) {
    return run(args, out, out);
  }

  /** Exit 0 when every command answered 0; otherwise the first other exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      throw new IllegalArgumentException("replay needs the kept drill directory");
    }
    Path dir = Path.of(args[0]);
    String incident = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--incident") && i + 1 < args.length) {
        incident = args[++i];
      } else {
        throw new IllegalArgumentException("unknown replay option '" + args[i] + "'");
      }
    }
    Set<String> incidents;
    try {
      incidents = DrillLog.read(dir).incidentIds();
    } catch (DrctlException e) {
      err.println("replay: " + e.getMessage());
      return DrctlException.USAGE;
    }
    if (incident == null) {
      if (incidents.isEmpty()) {
        err.println("replay: no incident in " + dir);
        return DrctlException.USAGE;
      }
      incident = incidents.iterator().next();
    } else if (!incidents.contains(incident)) {
      err.println(
          "replay: incident "
              + incident
              + " is not in "
              + dir
              + "; its incidents: "
              + (incidents.isEmpty() ? "none" : String.join(", ", incidents)));
      return DrctlException.USAGE;
    }
    int exit = DrctlException.OK;
    for (String command : COMMANDS) {
      out.println("---- drctl " + command + " " + incident + " --from " + dir);
      int code = Drctl.run(new String[] {command, incident, "--from", dir.toString()}, out, err);
      out.println();
      if (exit == DrctlException.OK) {
        exit = code;
      }
    }
    return exit;
  }
}
