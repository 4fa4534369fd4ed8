package io.drautopilot.validation.config;

import io.drautopilot.integrity.RuleSet;
import io.drautopilot.integrity.RuleSetSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured rule sets by name; "default" is always there (the seed's rules unless configured). */
public final class RuleSets {

  private final Map<String, RuleSet> byName;

  public RuleSets(Map<String, RuleSetSpec> specs) {
    Map<String, RuleSet> m = new LinkedHashMap<>();
    m.put("default", RuleSet.defaults());
    specs.forEach((name, spec) -> m.put(name, RuleSet.from(spec)));
    this.byName = Map.copyOf(m);
  }

  public Optional<RuleSet> find(String name) {
    return Optional.ofNullable(byName.get(name == null || name.isBlank() ? "default" : name));
  }
}
