package io.drautopilot.drctl.commands;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.engine.DryRun;
import io.drautopilot.orchestrator.engine.Inputs;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.Runbook;
import io.drautopilot.orchestrator.runbook.RunbookException;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "runbooks",
    mixinStandardHelpOptions = true,
    description = "Check runbooks before they are deployed.",
    subcommands = {RunbooksCommand.Validate.class, RunbooksCommand.Plan.class},
    footer = {
      "",
      "Example:",
      "  drctl runbooks validate runbooks/*.yml",
      "  drctl runbooks plan table-corruption.yml --scenario TABLE_CORRUPTION"
    })
public class RunbooksCommand implements Runnable {

  @Override
  public void run() {
    throw DrctlException.usage(
        "runbooks needs a command: validate or plan (see 'drctl runbooks --help')");
  }

  /** The orchestrator's loader with its routes (the built-in handlers, containment, and any --route). */
  static RunbookLoader loader(Map<String, String> extraRoutes) {
    return loader(extraRoutes, Map.of());
  }

  /** And with the environment's runbook variables in place of the runbooks' defaults. */
  static RunbookLoader loader(Map<String, String> extraRoutes, Map<String, String> variables) {
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.put("containment", Topics.CONTAINMENT_COMMANDS);
    routes.putAll(extraRoutes);
    return new RunbookLoader(
        new ContractActionCatalog(ContractCatalog.shared(), routes), variables, 1.0);
  }

  static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw DrctlException.usage("runbook file " + file + " does not exist");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw DrctlException.usage("cannot read runbook file " + file + ": " + e.getMessage());
    }
  }

  private static final Pattern STEP =
      Pattern.compile("step '([^']+)'(?: parameter '([^']+)'| (\\w+))?");
  private static final Pattern YAML_LINE = Pattern.compile("line (\\d+)");

  /** {@code file:line: location: reason}, the line found from the step (and field) the loader names. */
  static String located(RunbookException e, String yaml) {
    int line = lineOf(e, yaml);
    return e.file() + (line > 0 ? ":" + line : "") + ": " + e.location() + ": " + e.reason();
  }

  static int lineOf(RunbookException e, String yaml) {
    if ("document".equals(e.location())) {
      Matcher m = YAML_LINE.matcher(e.reason());
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
    String[] lines = yaml.split("\\R", -1);
    Matcher m = STEP.matcher(e.location());
    if (m.find()) {
      Pattern idLine =
          Pattern.compile(
              "^\\s*(-\\s*)?id:\\s*['\"]?" + Pattern.quote(m.group(1)) + "['\"]?\\s*(#.*)?$");
      for (int i = 0; i < lines.length; i++) {
        if (idLine.matcher(lines[i]).matches()) {
          String field = m.group(2) != null ? m.group(2) : m.group(3);
          if (field != null) {
            Pattern fieldLine = Pattern.compile("^\\s*(-\\s*)?" + Pattern.quote(field) + ":.*");
            for (int j = i + 1; j < lines.length && !lines[j].matches("^\\s*-\\s*id:.*"); j++) {
              if (fieldLine.matcher(lines[j]).matches()) {
                return j + 1;
              }
            }
          }
          return i + 1;
        }
      }
    }
    String key = e.location().equals("runbook") ? null : e.location().split("[ .\\[]")[0];
    if (key != null) {
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].matches("^" + Pattern.quote(key) + ":.*")) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Validate runbook files with the orchestrator's own checks (the ones that stop its start-up).",
        "Prints file:line: location: reason for each invalid file; exit 1 when any is invalid."
      },
      footer = {
        "",
        "Example:",
        "  drctl runbooks validate orchestrator-service/src/main/resources/runbooks/*.yml",
        "  drctl runbooks validate my-handler.yml --route inventory=dr.commands.inventory"
      })
  public static class Validate extends DrctlCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Runbook files (YAML)")
    List<Path> files;

    @Option(
        names = "--route",
        paramLabel = "HANDLER=TOPIC",
        description = "A handler added by configuration (dr.orchestrator.routes.<handler>)")
    Map<String, String> routes = new LinkedHashMap<>();

    @Override
    public Integer call() {
      RunbookLoader loader = loader(routes);
      List<RunbookFiles.RunbookFile> valid = new ArrayList<>();
      List<Map<String, Object>> results = new ArrayList<>();
      int invalid = 0;
      for (Path file : files) {
        String yaml = read(file);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", file.toString());
        try {
          Runbook r = loader.load(file.toString(), yaml);
          valid.add(new RunbookFiles.RunbookFile(file.toString(), yaml, false));
          result.put("valid", true);
          result.put("runbook", r.id() + " v" + r.version());
          result.put("scenario", r.scenario());
          result.put("steps", r.steps().size());
          if (!common.json()) {
            out()
                .line(
                    file
                        + ": ok ("
                        + r.id()
                        + " v"
                        + r.version()
                        + ", "
                        + r.scenario()
                        + ", "
                        + r.steps().size()
                        + " steps)");
          }
        } catch (RunbookException e) {
          invalid++;
          result.put("valid", false);
          result.put("line", lineOf(e, yaml));
          result.put("location", e.location());
          result.put("reason", e.reason());
          if (!common.json()) {
            out().line(located(e, yaml));
          }
        }
        results.add(result);
      }
      if (invalid == 0 && valid.size() > 1) {
        try {
          RunbookFiles.load(loader, valid);
        } catch (RuntimeException e) {
          invalid++;
          if (!common.json()) {
            out().line(oneLine(e));
          }
          results.add(Map.of("valid", false, "reason", oneLine(e)));
        }
      }
      if (common.json()) {
        out().json(results);
      }
      return invalid == 0 ? DrctlException.OK : DrctlException.NEGATIVE;
    }

    private static String oneLine(RuntimeException e) {
      return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "The commands a runbook would send for an example incident, every step succeeding and every",
        "approval given (a dry run of the orchestrator's engine; nothing is sent anywhere)."
      },
      footer = {
        "",
        "Example:",
        "  drctl runbooks plan table-corruption.yml --scenario TABLE_CORRUPTION --severity P1",
        "  drctl runbooks plan runbooks/ --scenario regional-failure --region us-east-1 -o json"
      })
  public static class Plan extends DrctlCommand {

    @Parameters(
        index = "0",
        paramLabel = "FILE|DIR",
        description = "A runbook file, or a directory of runbooks")
    Path file;

    @Option(
        names = "--scenario",
        paramLabel = "S",
        description = "The scenario to plan (e.g. TABLE_CORRUPTION or table-corruption)")
    String scenario;

    @Option(
        names = "--severity",
        defaultValue = "P1",
        description = "The example incident's severity (default P1)")
    String severity;

    @Option(
        names = "--region",
        defaultValue = "us-east-1",
        description = "The example incident's region (default us-east-1)")
    String region;

    @Option(
        names = "--resource",
        paramLabel = "TABLE",
        description = "An affected resource (repeatable; default the seed's entities table)")
    List<String> resources = new ArrayList<>();

    @Option(
        names = "--route",
        paramLabel = "HANDLER=TOPIC",
        description = "A handler added by configuration")
    Map<String, String> routes = new LinkedHashMap<>();

    @Mixin CatalogueOption catalogue;

    @Override
    public Integer call() {
      RunbookLoader loader = loader(routes, catalogue.variables());
      ProtectedResources protectedTables = catalogue.load();
      List<Path> paths = new ArrayList<>();
      if (Files.isDirectory(file)) {
        try (var list = Files.list(file)) {
          list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
              .sorted()
              .forEach(paths::add);
        } catch (IOException e) {
          throw DrctlException.usage("cannot list " + file + ": " + e.getMessage());
        }
      } else {
        paths.add(file);
      }
      String wanted =
          scenario == null
              ? null
              : scenario.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      List<Runbook> matching = new ArrayList<>();
      for (Path p : paths) {
        String yaml = read(p);
        Runbook r;
        try {
          r = loader.load(p.toString(), yaml);
        } catch (RunbookException e) {
          throw new DrctlException(DrctlException.NEGATIVE, located(e, yaml));
        }
        if (wanted == null || wanted.equals(r.scenario())) {
          matching.add(r);
        }
      }
      if (matching.isEmpty()) {
        throw DrctlException.usage("no runbook for scenario " + scenario + " in " + file);
      }
      if (matching.size() > 1) {
        throw DrctlException.usage(
            matching.size() + " runbooks in " + file + ": choose one with --scenario");
      }
      Runbook runbook = matching.get(0);
      Instant detectedAt = Instant.parse("2024-01-15T10:40:00Z");
      Inputs.Detection detection =
          new Inputs.Detection(
              "dry-run",
              "dry-run",
              "dry-run",
              "dry-run",
              runbook.scenario(),
              severity,
              region,
              resources.isEmpty()
                  ? List.of("candlefish-employee-setup-lean-prod-entities")
                  : resources,
              detectedAt.minusSeconds(300),
              detectedAt,
              "dry-run");
      List<DryRun.PlannedCommand> plan;
      try {
        plan = DryRun.plan(runbook, detection, Map.of(), protectedTables);
      } catch (DryRun.UnknownSeverity e) {
        throw DrctlException.usage("--severity " + severity + ": " + e.getMessage());
      }
      if (common.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runbookId", runbook.id());
        json.put("version", runbook.version());
        json.put("scenario", runbook.scenario());
        json.put("commands", plan);
        out().json(json);
        return DrctlException.OK;
      }
      out()
          .line(
              runbook.id()
                  + " v"
                  + runbook.version()
                  + " ("
                  + runbook.scenario()
                  + "): "
                  + plan.size()
                  + " commands");
      List<List<String>> rows = new ArrayList<>();
      int n = 1;
      for (DryRun.PlannedCommand c : plan) {
        rows.add(
            List.of(
                String.valueOf(n++),
                c.stepId(),
                String.valueOf(c.attempt()),
                c.action(),
                params(c.parameters())));
      }
      out().table(List.of("#", "STEP", "ATTEMPT", "ACTION", "PARAMETERS"), rows);
      return DrctlException.OK;
    }

    private static String params(Map<String, String> parameters) {
      String text =
          String.join(
              " ",
              parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
      return text.length() > 100 ? text.substring(0, 97) + "..." : text;
    }
  }
}
