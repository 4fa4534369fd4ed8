package io.drautopilot.drctl.scaffold;

import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.scaffold.HandlerNames.Kind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drctl new-handler}: a new scenario handler service, wired into everything that has to know it, so the
 * build is green and the drill starts it right after. The how-to (docs/how-to-add-a-scenario-handler.md) lists
 * the same files.
 */
@Command(
    name = "new-handler",
    mixinStandardHelpOptions = true,
    description = {
      "Create a scenario handler service: module, contracts, topic, route, deployment, sandbox.",
      "Run at the root of the checkout. Prints every file it creates or changes, then what is left to do."
    },
    footer = {
      "",
      "Example:",
      "  drctl new-handler statuspage --command PublishStatusUpdate --http",
      "  drctl new-handler quarantine --command IsolateInstance --aws --dry-run"
    })
public class NewHandlerCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description =
          "One lower-case word: the runbook prefix, module NAME-service, "
              + "package io.drautopilot.NAME (e.g. statuspage).")
  String name;

  @Option(
      names = "--command",
      required = true,
      paramLabel = "VerbNoun",
      description =
          "The first command, <Verb><Noun> (e.g. PublishStatusUpdate): PublishStatusUpdateCommand, "
              + "PublishStatusUpdateResult, runbook action NAME.publishStatusUpdate.")
  String command;

  @Option(
      names = "--outcome",
      paramLabel = "NounVerbed",
      description =
          "The success record's name (default: the noun, then the verb in the past tense, e.g. StatusUpdatePublished).")
  String outcome;

  @ArgGroup(exclusive = true)
  KindOption kind;

  @Option(
      names = "--dry-run",
      description = "Print what would be created and changed; write nothing.")
  boolean dryRun;

  @Option(
      names = "--root",
      hidden = true,
      paramLabel = "DIR",
      description = "The checkout root (default: the current directory).")
  Path root = Path.of("");

  @Spec CommandSpec spec;

  static class KindOption {
    @Option(
        names = "--aws",
        description = "Calls AWS through the SDK (aws-support, client tokens, an IAM policy).")
    boolean aws;

    @Option(
        names = "--http",
        description =
            "Calls an HTTP API through the shared client (kafka-messaging http; the default).")
    boolean http;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path checkout = Scaffold.checkoutRoot(root.toAbsolutePath().normalize());
    Kind k = kind != null && kind.aws ? Kind.AWS : Kind.HTTP;
    HandlerNames names = HandlerNames.of(name, command, outcome, k, Scaffold.nextPort(checkout));
    List<Scaffold.Change> plan = Scaffold.plan(checkout, names);
    if (!dryRun) {
      Scaffold.apply(checkout, plan);
    }
    out.println((dryRun ? "Would create" : "Created") + ":");
    plan.stream().filter(Scaffold.Change::created).forEach(c -> out.println("  " + c.path()));
    out.println((dryRun ? "Would change" : "Changed") + ":");
    plan.stream().filter(c -> !c.created()).forEach(c -> out.println("  " + c.path()));
    out.println();
    out.println(nextSteps(names));
    if (dryRun) {
      out.println("(dry run: nothing was written)");
    }
    out.flush();
    return DrctlException.OK;
  }

  static String nextSteps(HandlerNames n) {
    String m = n.module();
    StringBuilder s = new StringBuilder();
    s.append("Next steps (docs/how-to-add-a-scenario-handler.md):\n");
    s.append(
        "  1. Format what was generated and inserted (the build checks it), build and run its tests:\n");
    s.append("       ./mvnw -o -q spotless:apply\n");
    s.append("       ./mvnw -o -q install -pl ")
        .append(m)
        .append(",orchestrator-service,deploy-verification -am\n");
    s.append("  2. Give the command its real fields (schemas/src/main/avro/")
        .append(n.contractsPackage().replace('.', '/'))
        .append("/). Until the service ships, release v1 again:\n");
    s.append("       rm -r ")
        .append(Scaffold.HISTORY)
        .append("/")
        .append(n.contractsPackage())
        .append(".*\n");
    s.append(
        "       ./mvnw -q -pl schemas compile exec:java@release-schemas && ./mvnw -q -o -pl schemas install -DskipTests\n");
    s.append("  3. Fill in the action: ")
        .append(
            n.kind() == Kind.AWS
                ? "adapter/aws/"
                    + n.verbNoun()
                    + "Action (look before acting; client token; SDK dependency in "
                    + m
                    + "/pom.xml), then regenerate deploy/iam/"
                    + m
                    + "-policy.json:\n       "
                    + "./mvnw -o -pl deploy-verification verify -Ddr.deploy.regenerate=true\n"
                    + "     (a new AWS service also needs its IAM prefix in AwsOperations.IAM_PREFIX, deploy-verification)\n"
                : "adapter/http/"
                    + n.pascal()
                    + "Api (path, body, what the answer says), and a sandbox stub for each call in "
                    + m
                    + "/src/main/resources/sandbox/aws-stubs/\n");
    s.append(
        "  4. Add the step to a runbook (orchestrator-service/src/main/resources/runbooks/), bump its version:\n");
    s.append("       - id: ").append(n.kebab()).append("\n");
    s.append("         action: ").append(n.action()).append("\n");
    s.append("         dependsOn: [notify-contacts]\n");
    s.append("         parameters:\n");
    s.append("           target: \"${vars.").append(n.name()).append("Target}\"\n");
    s.append("           message: \"We are restoring the service\"\n");
    s.append("  5. ./drill runs it with every other service (the sandbox starts ")
        .append(m)
        .append(").");
    return s.toString();
  }
}
