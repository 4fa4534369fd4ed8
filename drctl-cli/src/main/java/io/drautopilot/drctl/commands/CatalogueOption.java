package io.drautopilot.drctl.commands;

import io.drautopilot.drctl.DrctlException;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The environment an offline engine runs in (replay, backtest, plan), so that its steps send the commands the
 * orchestrator would:
 *
 * <ul>
 *   <li>{@code --protected-resources FILE}: the catalogue of protected tables, from which the per-table steps take
 *       their functions, variables and vaults. Without it, the built-in catalogue, as the orchestrator uses when
 *       {@code dr.orchestrator.protected-resources-file} is not set.
 *   <li>{@code --variables FILE}: the orchestrator's runbook variables ({@code dr.orchestrator.variables.NAME}), one
 *       {@code NAME=value} per line, which replace the runbooks' defaults (the health URL, the snapshot location, the
 *       load check's target). Without it, the runbooks' defaults.
 * </ul>
 *
 * <p>A kept drill's directory ({@code ./drill --keep DIR}) holds both, written by the drill in {@code DIR/config}:
 * {@link #keptDrill} takes them from there when they are not given.
 */
final class CatalogueOption {

  /** In a kept drill's directory: the catalogue the drill gave its orchestrator. */
  static final String KEPT_CATALOGUE = "config/protected-resources.yml";

  /** In a kept drill's directory: the runbook variables the drill gave its orchestrator. */
  static final String KEPT_VARIABLES = "config/runbook-variables.properties";

  @Option(
      names = "--protected-resources",
      paramLabel = "FILE",
      description =
          "The environment's catalogue of protected tables (the orchestrator's dr.orchestrator.protected-resources-file); default the built-in one, or a kept drill's")
  Path file;

  @Option(
      names = "--variables",
      paramLabel = "FILE",
      description =
          "The orchestrator's runbook variables (its dr.orchestrator.variables), NAME=value per line; default the runbooks' own, or a kept drill's")
  Path variablesFile;

  /** The catalogue; a missing or invalid file is a usage error naming it (exit 2). */
  ProtectedResources load() {
    if (file != null && !Files.isRegularFile(file)) {
      throw DrctlException.usage("--protected-resources " + file + " is not a file");
    }
    try {
      return RunbookFiles.protectedResources(file);
    } catch (RuntimeException e) {
      throw DrctlException.usage(
          "cannot read the protected resources " + file + ": " + e.getMessage());
    }
  }

  /** The runbook variables; none without {@code --variables}; a missing or unreadable file is a usage error. */
  Map<String, String> variables() {
    if (variablesFile == null) {
      return Map.of();
    }
    if (!Files.isRegularFile(variablesFile)) {
      throw DrctlException.usage("--variables " + variablesFile + " is not a file");
    }
    Properties read = new Properties();
    try (Reader in = Files.newBufferedReader(variablesFile, StandardCharsets.UTF_8)) {
      read.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw DrctlException.usage(
          "cannot read the runbook variables " + variablesFile + ": " + e.getMessage());
    }
    Map<String, String> variables = new TreeMap<>();
    read.stringPropertyNames().forEach(name -> variables.put(name, read.getProperty(name)));
    return variables;
  }

  /**
   * For a kept drill's directory: the drill's own catalogue and variables where none were given.
   *
   * @return what was taken from the directory, to say so (empty when nothing was)
   */
  List<Path> keptDrill(Path dir) {
    List<Path> taken = new ArrayList<>();
    Path catalogue = dir.resolve(KEPT_CATALOGUE);
    if (file == null && Files.isRegularFile(catalogue)) {
      file = catalogue;
      taken.add(catalogue);
    }
    Path variables = dir.resolve(KEPT_VARIABLES);
    if (variablesFile == null && Files.isRegularFile(variables)) {
      variablesFile = variables;
      taken.add(variables);
    }
    return taken;
  }
}
