package io.drautopilot.drctl.commands;

import io.drautopilot.drctl.DrctlException;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --protected-resources FILE}: the environment's catalogue of protected tables, so that the
 * per-table steps an offline engine runs (replay, backtest, plan) name the functions, variables and
 * vaults the orchestrator would. Without it, the built-in catalogue, as the orchestrator uses when
 * {@code dr.orchestrator.protected-resources-file} is not set.
 */
final class CatalogueOption {

  @Option(
      names = "--protected-resources",
      paramLabel = "FILE",
      description =
          "The environment's catalogue of protected tables (the orchestrator's dr.orchestrator.protected-resources-file); default the built-in one")
  Path file;

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
}
