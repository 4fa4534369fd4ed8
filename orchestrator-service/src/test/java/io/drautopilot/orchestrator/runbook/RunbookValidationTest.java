package io.drautopilot.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RunbookValidationTest {

  final RunbookLoader loader = new RunbookLoader(
      new ContractActionCatalog(ContractCatalog.shared(), io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.routes()), Map.of("function", "fn-sandbox"), 1.0);

  static final String VALID = """
      id: sample
      version: 2
      scenario: TABLE_CORRUPTION
      vars:
        function: tyler-setup-entities-handler
      steps:
        - id: find
          action: restore.findRestorePoint
          parameters:
            tableName: "${incident.affectedResources[0]}"
            region: "${incident.region}"
            notAfter: "${incident.impactStartedAt}"
        - id: restore
          action: restore.restoreTableToPointInTime
          dependsOn: [find]
          parameters:
            sourceTableName: t
            targetTableName: t-recovery
            region: us-east-1
            restorePointTime: "${steps.find.outputs.restorePointTime}"
        - id: breaker
          action: restore.setCircuitBreaker
          dependsOn: [restore]
          parameters:
            functionName: "${vars.function}"
            variableName: CB
            state: OPEN
            region: us-east-1
      """;

  @Test
  void shouldLoadAValidRunbookAndApplyVariableOverrides() {
    Runbook runbook = loader.load("sample.yml", VALID);

    assertThat(runbook.version()).isEqualTo(2);
    assertThat(runbook.steps()).extracting(Step::id).containsExactly("find", "restore", "breaker");
    assertThat(runbook.vars()).containsEntry("function", "fn-sandbox");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown action      | restore.findRestorePoint                     | restore.findRestorPoint        | step 'find' action | no released schema FindRestorPointCommand",
      "unknown handler     | restore.findRestorePoint                     | backup.findRestorePoint        | step 'find' action | no route for handler 'backup'",
      "cycle               | dependsOn: [find]                            | dependsOn: [breaker]           | step 'restore' dependsOn | cycle: restore -> breaker -> restore",
      "missing parameter   | '      notAfter: \"${incident.impactStartedAt}\"' | '' | step 'find' parameters | missing parameter 'notAfter' required by FindRestorePointCommand",
      "bad template        | ${incident.region}                           | ${incident.region              | step 'find' parameter 'region' | unclosed '${'",
      "unknown reference   | ${incident.region}                           | ${incident.zone}               | step 'find' parameter 'region' | unknown incident field 'zone'",
      "unknown output      | outputs.restorePointTime                     | outputs.restoreTime            | step 'restore' parameter 'restorePointTime' | step 'find' has no output 'restoreTime'",
      "not a dependency    | 'dependsOn: [find]'                          | 'dependsOn: []'                | step 'restore' parameter 'restorePointTime' | is not a (transitive) dependency",
      "unknown field       | 'version: 2'                                 | 'version: 2\\nowner: dba'       | runbook | unknown field 'owner'",
      "unknown parameter   | 'variableName: CB'                           | 'variableName: CB\\n      colour: red' | step 'breaker' parameter 'colour' | unknown parameter",
      "bad enum literal    | 'state: OPEN'                                | 'state: AJAR'                  | step 'breaker' parameter 'state' | is not one of [OPEN, CLOSED]",
      "undeclared variable | ${vars.function}                             | ${vars.lambda}                 | step 'breaker' parameter 'functionName' | variable 'lambda' is not declared"})
  void shouldRejectAnInvalidRunbookNamingFileLocationAndReason(String name, String from, String to, String location, String reason) {
    String yaml = VALID.replace(from, to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(VALID);

    assertThatThrownBy(() -> loader.load("broken.yml", yaml))
        .isInstanceOfSatisfying(RunbookException.class, e -> {
          assertThat(e.file()).isEqualTo("broken.yml");
          assertThat(e.location()).isEqualTo(location);
          assertThat(e.reason()).contains(reason);
        });
  }

  @Test
  void shouldLoadEveryShippedRunbook() {
    RunbookRegistry registry = RunbookFiles.load(loader, RunbookFiles.read("runbooks", null));

    assertThat(registry.all()).extracting(Runbook::scenario).containsExactlyInAnyOrder("REGIONAL_FAILURE", "TABLE_CORRUPTION",
        "SECURITY_BREACH", "PERFORMANCE_DEGRADATION", "BACKUP_VERIFICATION", "DR_DRILL");
  }
}
