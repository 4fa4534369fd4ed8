package io.drautopilot.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationRulesTest {

  final ClassificationRules rules = TestRules.RULES;

  @Test
  void shouldChooseTheMostSevereMatchingRule() {
    assertThat(rules.classify("throttling", 150.0))
        .get()
        .extracting(Classification::severity)
        .isEqualTo(RunbookSeverity.P2);
    assertThat(rules.classify("throttling", 20.0))
        .get()
        .extracting(Classification::severity)
        .isEqualTo(RunbookSeverity.P3);
  }

  @Test
  void shouldNotMatchAMinValueRuleWithoutAValue() {
    assertThat(rules.classify("throttling", null))
        .get()
        .extracting(Classification::severity)
        .isEqualTo(RunbookSeverity.P3);
  }

  @Test
  void shouldMatchGlobsCaseInsensitively() {
    ClassificationRules globs =
        new ClassificationRules(
            List.of(
                new ClassificationRule(
                    "alert:*breach*",
                    null,
                    RunbookScenario.SECURITY_BREACH,
                    RunbookSeverity.P1,
                    null,
                    null)));

    assertThat(globs.classify("alert:GuardDutyBreachFinding", null)).isPresent();
    assertThat(globs.classify("alert:throttle", null)).isEmpty();
  }

  @Test
  void shouldReturnNothingForAnUnknownSignal() {
    assertThat(rules.classify("unknown", null)).isEmpty();
  }
}
