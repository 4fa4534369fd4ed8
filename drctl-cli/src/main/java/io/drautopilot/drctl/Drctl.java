package io.drautopilot.drctl;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.drautopilot.drctl.commands.BacktestCommand;
import io.drautopilot.drctl.commands.DecisionCommands;
import io.drautopilot.drctl.commands.DrillFromCommand;
import io.drautopilot.drctl.commands.ExportCommand;
import io.drautopilot.drctl.commands.IncidentsCommand;
import io.drautopilot.drctl.commands.LoginCommand;
import io.drautopilot.drctl.commands.ReplayCommand;
import io.drautopilot.drctl.commands.ReportCommand;
import io.drautopilot.drctl.commands.RunbooksCommand;
import io.drautopilot.drctl.commands.ShowCommand;
import io.drautopilot.drctl.commands.TimelineCommand;
import io.drautopilot.drctl.commands.VerifyCommand;
import io.drautopilot.drctl.commands.WhoamiCommand;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * drctl: the command line for operators and investigators. Decisions (acknowledge, approve, reject,
 * cancel) go through the orchestrator's API with the caller's token, as any person's would;
 * everything about what happened (timeline, report, verification, export, replay, backtest) is read from the topics
 * or an archive, never from the orchestrator's memory, and nothing is ever written to a topic.
 */
@Command(
    name = "drctl",
    mixinStandardHelpOptions = true,
    versionProvider = Drctl.Version.class,
    description = "Operate and investigate DR Autopilot incidents.",
    subcommands = {
      IncidentsCommand.class,
      ShowCommand.class,
      DecisionCommands.Ack.class,
      DecisionCommands.Approve.class,
      DecisionCommands.Reject.class,
      DecisionCommands.Cancel.class,
      TimelineCommand.class,
      VerifyCommand.class,
      io.drautopilot.drctl.scaffold.NewHandlerCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      ReplayCommand.class,
      BacktestCommand.class,
      RunbooksCommand.class,
      DrillFromCommand.class,
      LoginCommand.class,
      WhoamiCommand.class
    },
    footer = {
      "",
      "Connection settings: flags, then DRCTL_BOOTSTRAP / DRCTL_API / DRCTL_ISSUER /",
      "DRCTL_TOKEN_FILE (or DRCTL_TOKEN), then ~/.config/drctl/config.properties",
      "(bootstrap=, api=, issuer=, token-file=, kafka.<client property>=). With no",
      "token setting, the API commands use the token drctl login saved.",
      "",
      "Exit codes: 0 ok, 1 a negative answer (a difference, a broken chain, a refusal by the API),",
      "2 usage or input error (unknown incident, bad file), 3 Kafka, the API, the archive",
      "or the identity provider unreachable, the token refused or expired (drctl login).",
      "",
      "Example:",
      "  drctl login --issuer http://localhost:8087; drctl incidents --open --api http://localhost:8082"
    })
public final class Drctl implements Runnable {

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  @Spec CommandSpec spec;

  public Drctl(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    // Named apart from logback.xml: in one JVM with a service (the drill runs drctl in process), a
    // second logback.xml
    // on the class path would make logback print its status lines about which one it took.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "drctl-logback.xml");
    }
    System.exit(execute(System.getenv(), System.out, System.err, args));
  }

  /**
   * drctl in-process for another module (e.g. {@code ./drill replay DIR}, which prints a kept drill's timeline,
   * report and verification with drctl's own commands): one command line, with this process's environment, printed to
   * {@code out} and {@code err}; returns the exit code and never exits. The caller's logging is left as it is.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return execute(System.getenv(), out, err, false, args);
  }

  /** Runs one command line and returns its exit code (tests call this with their own streams and environment). */
  public static int execute(
      Map<String, String> env, PrintStream out, PrintStream err, String... args) {
    return execute(env, out, err, true, args);
  }

  private static int execute(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean quietLogs,
      String... args) {
    Drctl drctl = new Drctl(env, out, err);
    CommandLine cmd = new CommandLine(drctl);
    cmd.setOut(new java.io.PrintWriter(out, true));
    cmd.setErr(new java.io.PrintWriter(err, true));
    cmd.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println(
              "drctl: "
                  + e.getMessage()
                  + " (see '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          return DrctlException.USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          boolean debug = command.getCommand() instanceof DrctlCommand c && c.debug();
          if (e instanceof DrctlException d) {
            err.println("drctl: " + d.getMessage());
            if (debug) {
              d.printStackTrace(err);
            }
            return d.exitCode();
          }
          err.println(
              "drctl: "
                  + command.getCommandSpec().qualifiedName()
                  + " failed: "
                  + oneLine(e)
                  + (debug ? "" : " (--debug for details)"));
          if (debug) {
            e.printStackTrace(err);
          }
          return DrctlException.USAGE;
        });
    if (quietLogs) {
      quietLogs(args);
    }
    return cmd.execute(args);
  }

  /** Client libraries log to the console; a command line keeps them quiet unless asked. */
  private static void quietLogs(String[] args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
      ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
          .setLevel(debug ? Level.INFO : Level.OFF);
    }
  }

  static String oneLine(Throwable e) {
    String message =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }

  @Override
  public void run() {
    spec.commandLine().usage(err);
    throw new DrctlException(DrctlException.USAGE, "a command is needed (see 'drctl --help')");
  }

  Map<String, String> env() {
    return env;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Drctl.class.getPackage().getImplementationVersion();
      return new String[] {"drctl " + (v == null ? "(development build)" : v)};
    }
  }
}
