package io.drautopilot.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.runbook.Step;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract fields that carry one of the engine's closed sets as a string list its values in their doc, for
 * every reader of the contract; a value added to the engine or a doc edited by hand must not leave them apart.
 */
class ContractDocsTest {

  @Test
  void shouldListExactlyTheEnginesOutcomesInTheDocOfIncidentResolvedOutcome() {
    Set<String> documented = words(doc("IncidentResolved", "outcome"), "[A-Z][A-Z_]+");

    assertThat(documented)
        .isEqualTo(
            Arrays.stream(IncidentOutcome.values()).map(Enum::name).collect(Collectors.toSet()));
  }

  @Test
  void shouldListExactlyTheGatesTimeoutOutcomesInTheDocOfApprovalRequestedOnTimeout() {
    Set<String> gateOutcomes =
        Arrays.stream(Step.ApprovalGate.Outcome.values())
            .map(o -> o.name().toLowerCase())
            .collect(Collectors.toSet());
    Set<String> documented = words(doc("ApprovalRequested", "onTimeout"), "[a-z]+");

    assertThat(documented).containsAll(gateOutcomes);
    assertThat(documented.stream().filter(w -> !gateOutcomes.contains(w)))
        .as("words of the doc that look like values but are none")
        .doesNotContain("reject", "proceed", "approve", "continue", "fail");
  }

  @Test
  void shouldDescribeEveryEscalationCauseInItsDoc() {
    Set<String> documented =
        words(
            ContractCatalog.shared().latestBySimpleName("EscalationCause").orElseThrow().getDoc(),
            "[A-Z][A-Z_]+");

    assertThat(documented)
        .containsAll(
            Arrays.stream(EscalationCause.values()).map(Enum::name).collect(Collectors.toSet()));
  }

  private static String doc(String record, String field) {
    return ContractCatalog.shared().latestBySimpleName(record).orElseThrow().getField(field).doc();
  }

  private static Set<String> words(String doc, String pattern) {
    Matcher m = Pattern.compile("\\b" + pattern + "\\b").matcher(doc);
    Set<String> found = new java.util.TreeSet<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
