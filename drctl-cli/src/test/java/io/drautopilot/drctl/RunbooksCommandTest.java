package io.drautopilot.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runbooks validate and plan, with the orchestrator's own loader and dry run. */
class RunbooksCommandTest {

  @TempDir Path dir;

  private Path builtIn(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/runbooks/" + name)) {
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }

  @Test
  void shouldAcceptTheBuiltInRunbooksWhenValidated() throws Exception {
    Cli.Result r =
        new Cli(dir)
            .run(
                "runbooks",
                "validate",
                builtIn("performance-degradation.yml").toString(),
                builtIn("security-breach.yml").toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "performance-degradation.yml: ok (performance-degradation v",
            "security-breach.yml: ok");
  }

  @Test
  void shouldNameTheFileLineAndReasonWhenAStepHasAnUnknownAction() throws Exception {
    Path file = builtIn("performance-degradation.yml");
    String yaml = Files.readString(file);
    String firstAction =
        yaml.lines().filter(l -> l.strip().startsWith("action:")).findFirst().orElseThrow();
    Files.writeString(
        file,
        yaml.replaceFirst(
            java.util.regex.Pattern.quote(firstAction), "    action: restore.noSuchThing"));
    int line = Files.readAllLines(file).indexOf("    action: restore.noSuchThing") + 1;

    Cli.Result r = new Cli(dir).run("runbooks", "validate", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith(file + ":" + line + ": step '").contains(" action: ");
  }

  @Test
  void shouldExitTwoWhenTheRunbookFileDoesNotExist() {
    Cli.Result r = new Cli(dir).run("runbooks", "validate", dir.resolve("missing.yml").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("runbook file " + dir.resolve("missing.yml") + " does not exist");
  }

  @Test
  void shouldRefuseASeverityTheContractDoesNotHave() throws Exception {
    builtIn("performance-degradation.yml");

    Cli.Result r =
        plan(dir.toString(), "--scenario", "performance-degradation", "--severity", "P9");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--severity P9: unknown severity 'P9': one of [P1, P2, P3, P4]");
  }

  /** drctl runbooks plan and the rest. */
  private Cli.Result plan(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("runbooks", "plan"));
    args.addAll(List.of(more));
    return new Cli(dir).run(args.toArray(String[]::new));
  }

  @Test
  void shouldPlanWithTheEnvironmentsRunbookVariables() throws Exception {
    builtIn("performance-degradation.yml");
    Path variables =
        Files.writeString(
            dir.resolve("runbook-variables.properties"), "healthUrl=http://10.0.0.7/graphql\n");

    Cli.Result defaults =
        plan(dir.toString(), "--scenario", "performance-degradation", "-o", "json");
    Cli.Result environment =
        plan(
            dir.toString(),
            "--scenario",
            "performance-degradation",
            "-o",
            "json",
            "--variables",
            variables.toString());

    assertThat(defaults.out())
        .contains("https://api.tyler-setup.candlefish.ai/graphql")
        .doesNotContain("10.0.0.7");
    assertThat(environment.exitCode()).as(environment.err()).isZero();
    assertThat(environment.out()).contains("http://10.0.0.7/graphql");
  }

  @Test
  void shouldPlanTheRunbooksCommandsWhenAScenarioIsChosenInADirectory() throws Exception {
    builtIn("performance-degradation.yml");
    builtIn("table-corruption.yml");

    Cli.Result r = plan(dir.toString(), "--scenario", "performance-degradation");
    Cli.Result json = plan(dir.toString(), "--scenario", "PERFORMANCE_DEGRADATION", "-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("performance-degradation v")
        .contains("#", "STEP", "ACTION", "notifier.");
    assertThat(json.out()).contains("\"commands\"", "\"action\"");
  }

  @Test
  void shouldPlanPerTableStepsFromTheBuiltInCatalogueByDefault() throws Exception {
    builtIn("table-corruption.yml");

    Cli.Result r =
        plan(
            dir.toString(),
            "--resource",
            "candlefish-employee-setup-lean-prod-events",
            "-o",
            "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("tyler-setup-events-handler", "EVENT_TABLE");
  }

  @Test
  void shouldPlanPerTableStepsFromTheEnvironmentsCatalogueWhenGiven() throws Exception {
    builtIn("table-corruption.yml");
    Path catalogue =
        Files.writeString(
            dir.resolve("catalogue.yaml"),
            """
            tables:
              - name: orders
                table: orders-prod
                functions: [orders-handler]
                tableVariable: ORDERS_TABLE
                circuitBreakerVariable: CIRCUIT_BREAKER_ORDERS
                cacheTypes: [order]
            """);

    Cli.Result r =
        plan(
            dir.resolve("table-corruption.yml").toString(),
            "--resource",
            "orders-prod",
            "--protected-resources",
            catalogue.toString(),
            "-o",
            "json");
    Cli.Result missing =
        plan(
            dir.resolve("table-corruption.yml").toString(),
            "--protected-resources",
            dir.resolve("nowhere.yml").toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("orders-handler", "ORDERS_TABLE", "CIRCUIT_BREAKER_ORDERS");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .contains("--protected-resources " + dir.resolve("nowhere.yml") + " is not a file");
  }
}
