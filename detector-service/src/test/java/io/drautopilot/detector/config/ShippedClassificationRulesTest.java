package io.drautopilot.detector.config;

import static io.drautopilot.detector.domain.RunbookScenario.*;
import static io.drautopilot.detector.domain.RunbookSeverity.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.detector.domain.Classification;
import io.drautopilot.detector.domain.ClassificationRule;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Every line of the shipped classification-rules.yml, as the runbook defines scenario and severity. */
class ShippedClassificationRulesTest {

  static final ClassificationRules RULES = load();

  static ClassificationRules load() {
    try {
      StandardEnvironment env = new StandardEnvironment();
      for (PropertySource<?> ps :
          new YamlPropertySourceLoader()
              .load("rules", new ClassPathResource("classification-rules.yml"))) {
        env.getPropertySources().addFirst(ps);
      }
      DetectorProperties p = Binder.get(env).bind("dr.detector", DetectorProperties.class).get();
      List<ClassificationRule> rules =
          p.rules().stream().map(DetectorProperties.Rule::toDomain).toList();
      return new ClassificationRules(rules);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0} ({1}) -> {2} {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "endpoint-unreachable, null, REGIONAL_FAILURE, P1, REGION",
        "region-unavailable, null, REGIONAL_FAILURE, P1, REGION",
        "table-missing, null, TABLE_CORRUPTION, P1, RESOURCE",
        "table-unavailable, null, TABLE_CORRUPTION, P2, RESOURCE",
        "integrity-violation, 0.01, TABLE_CORRUPTION, P2, RESOURCE",
        "integrity-violation, 0.05, TABLE_CORRUPTION, P1, RESOURCE",
        "suspicious-access, 20, SECURITY_BREACH, P1, RESOURCE",
        "guardduty-breach-finding, null, SECURITY_BREACH, P1, RESOURCE",
        "throttling, 10, PERFORMANCE_DEGRADATION, P3, RESOURCE",
        "throttling, 100, PERFORMANCE_DEGRADATION, P2, RESOURCE",
        "system-errors, 5, PERFORMANCE_DEGRADATION, P2, RESOURCE",
        "user-errors, 50, PERFORMANCE_DEGRADATION, P3, RESOURCE",
        "high-latency, 120, PERFORMANCE_DEGRADATION, P3, RESOURCE",
        "high-latency, 500, PERFORMANCE_DEGRADATION, P2, RESOURCE",
        "health-endpoint-down, null, PERFORMANCE_DEGRADATION, P2, RESOURCE",
        "health-degraded, null, PERFORMANCE_DEGRADATION, P3, RESOURCE",
        "backup-failed, null, BACKUP_VERIFICATION, P2, RESOURCE",
        "pitr-disabled, null, BACKUP_VERIFICATION, P2, RESOURCE",
      })
  void shouldClassifyEachSignalAsTheRunbookDefines(
      String signal,
      Double value,
      RunbookScenario scenario,
      RunbookSeverity severity,
      ClassificationRule.Scope scope) {
    assertThat(RULES.classify(signal, value))
        .contains(new Classification(scenario, severity, scope));
  }

  @ParameterizedTest
  @CsvSource({"cloudwatch-alarm:SomethingElse", "unknown-signal"})
  void shouldLeaveUnknownSignalsUnclassified(String signal) {
    assertThat(RULES.classify(signal, null)).isEmpty();
  }
}
