package io.drautopilot.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookValidationTest {

  final RunbookLoader loader =
      new RunbookLoader(
          new ContractActionCatalog(
              ContractCatalog.shared(),
              io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.routes()),
          Map.of("function", "fn-sandbox"),
          1.0);

  static final String VALID =
      """
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
  void shouldRefuseADeeplyNestedDocumentWithAClearReasonWhenItNestsPastTheLimit() {
    String deep = VALID + "description: " + "[".repeat(200) + "]".repeat(200) + "\n";

    assertThatThrownBy(() -> loader.load("deep.yml", deep))
        .isInstanceOf(RunbookException.class)
        .hasMessageContaining("deep.yml")
        .hasMessageContaining("nested too deeply")
        .hasMessageContaining(String.valueOf(RunbookLoader.MAX_NESTING));
  }

  @Test
  void shouldRefuseAHugeDocumentWithoutParsingItWhenItIsOverTheCodePointLimit() {
    String huge = VALID + "# " + "x".repeat(10 * 1024 * 1024) + "\n";

    assertThatThrownBy(() -> loader.load("huge.yml", huge))
        .isInstanceOf(RunbookException.class)
        .hasMessageContaining("huge.yml")
        .hasMessageContaining("too large");
  }

  @Test
  void shouldRefuseManyAliasesWhenADocumentExpandsItself() {
    StringBuilder bomb =
        new StringBuilder(VALID).append("description:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'p'; c++) {
      bomb.append("  ")
          .append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append("*")
          .append((char) (c - 1))
          .append(", *")
          .append((char) (c - 1))
          .append(", *")
          .append((char) (c - 1))
          .append("]\n");
    }

    assertThatThrownBy(() -> loader.load("bomb.yml", bomb.toString()))
        .isInstanceOf(RunbookException.class)
        .hasMessageContaining("bomb.yml")
        .hasMessageContaining("aliases");
  }

  @Test
  void shouldLoadAValidRunbookAndApplyVariableOverrides() {
    Runbook runbook = loader.load("sample.yml", VALID);

    assertThat(runbook.version()).isEqualTo(2);
    assertThat(runbook.steps()).extracting(Step::id).containsExactly("find", "restore", "breaker");
    assertThat(runbook.vars()).containsEntry("function", "fn-sandbox");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
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
        "undeclared variable | ${vars.function}                             | ${vars.lambda}                 | step 'breaker' parameter 'functionName' | variable 'lambda' is not declared",
        "unknown scenario    | 'scenario: TABLE_CORRUPTION'                 | 'scenario: TABLE_CORUPTION'    | scenario | unknown scenario 'TABLE_CORUPTION', expected one of [BACKUP_VERIFICATION, DR_DRILL, PERFORMANCE_DEGRADATION, REGIONAL_FAILURE, SECURITY_BREACH, TABLE_CORRUPTION]",
        "bad failureSeverity | 'version: 2'                                 | 'version: 2\\nfailureSeverity: P5' | failureSeverity | P5': expected one of [P1, P2, P3, P4]"
      })
  void shouldRejectAnInvalidRunbookNamingFileLocationAndReason(
      String name, String from, String to, String location, String reason) {
    String yaml = VALID.replace(from, to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(VALID);

    assertThatThrownBy(() -> loader.load("broken.yml", yaml))
        .isInstanceOfSatisfying(
            RunbookException.class,
            e -> {
              assertThat(e.file()).isEqualTo("broken.yml");
              assertThat(e.location()).isEqualTo(location);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void shouldLoadEveryShippedRunbook() {
    RunbookRegistry registry = RunbookFiles.load(loader, RunbookFiles.read("runbooks", null));

    assertThat(registry.all())
        .extracting(Runbook::scenario)
        .containsExactlyInAnyOrder(
            "REGIONAL_FAILURE",
            "TABLE_CORRUPTION",
            "SECURITY_BREACH",
            "PERFORMANCE_DEGRADATION",
            "BACKUP_VERIFICATION",
            "DR_DRILL");
  }

  @Test
  void shouldLetAnEnvironmentsRunbookReplaceTheBuiltInOneWithItsIdAndRefuseAnyOtherClash(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String shipped =
        new org.springframework.core.io.ClassPathResource("runbooks/table-corruption.yml")
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.file.Files.writeString(
        dir.resolve("table-corruption.yml"),
        shipped.replaceFirst("(?m)^version: \\d+", "version: 42"));
    java.nio.file.Files.writeString(dir.resolve("README.md"), "not a runbook");

    RunbookRegistry registry = RunbookFiles.load(loader, RunbookFiles.read("runbooks", dir));

    assertThat(registry.forScenario("TABLE_CORRUPTION"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.version()).isEqualTo(42);
              assertThat(r.file()).isEqualTo(dir.resolve("table-corruption.yml").toString());
            });
    assertThat(registry.all()).hasSize(6);

    java.nio.file.Files.writeString(
        dir.resolve("another.yml"),
        shipped.replaceFirst("(?m)^id: .*$", "id: table-corruption-copy"));
    assertThatThrownBy(() -> RunbookFiles.load(loader, RunbookFiles.read("runbooks", dir)))
        .isInstanceOfSatisfying(
            RunbookException.class,
            e -> {
              assertThat(e.location()).isEqualTo("scenario");
              assertThat(e.reason()).contains("already handled by");
            });
  }

  static final String KEY_DELETION =
      """
      id: keys
      scenario: SECURITY_BREACH
      vars:
        keyId: key-1
      steps:
        - id: delete-key
          action: containment.scheduleKeyDeletion
          approval: { role: security-officer, approvers: 2 }
          parameters:
            keyId: "${vars.keyId}"
            approvedBy: "${approval.approvers}"
      """;

  @Test
  void shouldRenderTheApproversOfTheStepsGateAsAList() {
    Runbook runbook =
        loader.load(
            "keys.yml",
            KEY_DELETION.replace(
                "approvedBy: \"${approval.approvers}\"",
                "approvedBy: [\"${approval.approvers}\", lead]\n      region: \"by ${approval.approvers}\""));
    Step step = runbook.step("delete-key").orElseThrow();
    IncidentState state = new IncidentState();
    IncidentState.StepState st = new IncidentState.StepState();
    st.approvers.addAll(List.of("carol", "dave"));
    state.steps.put("delete-key", st);

    Map<String, Object> rendered = RunbookEngine.render(state, runbook, step);

    assertThat(rendered)
        .containsEntry("approvedBy", List.of("carol", "dave", "lead"))
        .containsEntry("region", "by carol,dave");
    Runbook plain = loader.load("keys.yml", KEY_DELETION);
    assertThat(RunbookEngine.render(state, plain, plain.step("delete-key").orElseThrow()))
        .containsEntry("approvedBy", List.of("carol", "dave"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "step without approval gate | '    approval: { role: security-officer, approvers: 2 }\\n' | '' | step 'delete-key' parameter 'approvedBy' | step 'delete-key' has no approval gate",
        "in a condition             | '    parameters:' | '    condition: \"${approval.approvers} == alice\"\\n    parameters:' | step 'delete-key' condition | is known only in the parameters of a step with an approval gate",
        "alone for a string field   | 'keyId: \"${vars.keyId}\"' | 'keyId: \"${approval.approvers}\"' | step 'delete-key' parameter 'keyId' | is a list of approvers, for an array field",
        "unknown approval value     | approval.approvers | approval.approver | step 'delete-key' parameter 'approvedBy' | is none of"
      })
  void shouldRejectApproversWhereNoOneApproves(
      String name, String from, String to, String location, String reason) {
    String yaml = KEY_DELETION.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(KEY_DELETION);
    assertThat(loader.load("keys.yml", KEY_DELETION).step("delete-key")).isPresent();

    assertThatThrownBy(() -> loader.load("keys.yml", yaml))
        .isInstanceOfSatisfying(
            RunbookException.class,
            e -> {
              assertThat(e.file()).isEqualTo("keys.yml");
              assertThat(e.location()).isEqualTo(location);
              assertThat(e.reason()).contains(reason);
            });
  }
}
