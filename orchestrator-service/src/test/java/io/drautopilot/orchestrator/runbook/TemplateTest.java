package io.drautopilot.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  static String render(Template t, Map<String, String> values) {
    return t.render(ref -> values.get(ref.root() + "." + ref.name()));
  }

  @Test
  void anIncidentSubjectIsItsOwnReference() {
    Template t = Template.parse("${incident.subjects.principalName}");
    assertThat(t.references())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.root()).isEqualTo("subjects");
              assertThat(r.name()).isEqualTo("principalName");
            });
    assertThat(render(t, Map.of("subjects.principalName", "mallory"))).isEqualTo("mallory");
  }

  @Test
  void theAlternativeIsUsedOnlyWhenTheFirstReferenceIsEmpty() {
    Template t =
        Template.parse("user ${incident.subjects.principalName ?? vars.compromisedPrincipal}!");
    assertThat(t.references())
        .extracting(Template.Ref::toString)
        .containsExactly(
            "incident.subjects.principalName ?? vars.compromisedPrincipal",
            "vars.compromisedPrincipal");
    assertThat(
            render(
                t,
                Map.of(
                    "subjects.principalName",
                    "mallory",
                    "vars.compromisedPrincipal",
                    "PLACEHOLDER")))
        .isEqualTo("user mallory!");
    assertThat(render(t, Map.of("vars.compromisedPrincipal", "PLACEHOLDER")))
        .isEqualTo("user PLACEHOLDER!");
    assertThat(
            render(
                t,
                Map.of("subjects.principalName", "", "vars.compromisedPrincipal", "PLACEHOLDER")))
        .isEqualTo("user PLACEHOLDER!");
  }

  @Test
  void refusesChainsAndApproversAlternativesWithTheReason() {
    assertThatThrownBy(() -> Template.parse("${incident.subjects.a ?? vars.b ?? vars.c}"))
        .hasMessageContaining("one '??' alternative at most");
    assertThatThrownBy(() -> Template.parse("${approval.approvers ?? vars.b}"))
        .hasMessageContaining("takes no '??'");
    assertThatThrownBy(() -> Template.parse("${incident.subjects.}"))
        .hasMessageContaining("is none of");
  }
}
