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
   * @param verdict    how a success record that reports a negative verdict is read, or null when the
   *                   action has no verdict (its success is a success)
   */
  record ActionSpec(
      String action,
      String commandType,
      String topic,
      Map<String, Boolean> parameters,
      Set<String> outputs,
      ParameterChecker checker,
      Verdict verdict) {

    public ActionSpec(
        String action,
        String commandType,
        String topic,
        Map<String, Boolean> parameters,
        Set<String> outputs,
        ParameterChecker checker) {
      this(action, commandType, topic, parameters, outputs, checker, null);
    }

    public Set<String> required() {
      return parameters.entrySet().stream()
          .filter(Map.Entry::getValue)
          .map(Map.Entry::getKey)
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /**
   * A command that answers a question (is the table valid, do the tables match, is the service
   * healthy) reports the answer in a success record: the handler did its job. The step, however,
   * succeeded only when the answer is yes: {@code field} is the boolean output that must be true.
   *
   * @param retryable whether asking again may give another answer (a service coming up), so the
   *                  step's retries apply; data that failed validation fails it again
   */
  record Verdict(String field, boolean retryable) {}

  /** Checks a literal (template-free) value against the field type; returns the problem or null. */
  interface ParameterChecker {
    String check(String parameter, Object literal);
  }
}
