package io.drautopilot.orchestrator.runbook;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the runbook may call: an action's command type, its route and its parameters and outputs. */
public interface ActionCatalog {

  Optional<ActionSpec> find(String action);

  /** Why an action is unknown (no route for its handler, or no command schema). */
  String whyUnknown(String action);

  /**
   * @param parameters command field name → true when required (no default and not nullable)
   * @param outputs    the success record's field names (nested ones dotted) plus {@code eventId}
   */
  record ActionSpec(String action, String commandType, String topic, Map<String, Boolean> parameters,
                    Set<String> outputs, ParameterChecker checker) {

    public Set<String> required() {
      return parameters.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /** Checks a literal (template-free) value against the field type; returns the problem or null. */
  interface ParameterChecker {
    String check(String parameter, Object literal);
  }
}
