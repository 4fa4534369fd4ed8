package io.drautopilot.detector.domain;

import static io.drautopilot.detector.domain.RunbookScenario.*;
import static io.drautopilot.detector.domain.RunbookSeverity.*;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A small classification table for engine tests (the shipped table is tested in config.ShippedClassificationRulesTest). */
final class TestRules {

  static final ClassificationRules RULES =
      new ClassificationRules(
          List.of(
              new ClassificationRule(
                  "endpoint-unreachable",
                  null,
                  REGIONAL_FAILURE,
                  P1,
                  ClassificationRule.Scope.REGION,
                  null),
              new ClassificationRule("table-missing", null, TABLE_CORRUPTION, P1, null, null),
              new ClassificationRule("table-unavailable", null, TABLE_CORRUPTION, P2, null, null),
              new ClassificationRule("throttling", null, PERFORMANCE_DEGRADATION, P3, null, null),
              new ClassificationRule(
                  "throttling", 100.0, PERFORMANCE_DEGRADATION, P2, null, null)));

  static DetectionPolicy policy(int failures, int successes) {
    return new DetectionPolicy(
        failures,
        successes,
        Duration.ofMinutes(2),
        2,
        Set.of("table-unavailable", "endpoint-unreachable"),
        REGIONAL_FAILURE,
        P1);
  }

  private TestRules() {}
}
