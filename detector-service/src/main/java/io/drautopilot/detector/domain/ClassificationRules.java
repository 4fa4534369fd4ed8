package io.drautopilot.detector.domain;

import java.util.List;
import java.util.Optional;

/**
 * The declarative classification table. Every matching rule is considered and the most severe wins, so rules can be
 * listed in any order and a higher value threshold simply adds a more severe line.
 */
public final class ClassificationRules {

  private final List<ClassificationRule> rules;

  public ClassificationRules(List<ClassificationRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<ClassificationRule> rules() {
    return rules;
  }

  public Optional<Classification> classify(String signal, Double value) {
    ClassificationRule best = null;
    for (ClassificationRule rule : rules) {
      if (rule.matches(signal, value)
          && (best == null || rule.severity().isWorseThan(best.severity()))) {
        best = rule;
      }
    }
    return Optional.ofNullable(best)
        .map(r -> new Classification(r.scenario(), r.severity(), r.scope()));
  }
}
