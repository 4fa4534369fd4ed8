package io.drautopilot.detector.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of the classification table: a signal (glob, {@code *} matches anything) and an optional minimum value
 * map to a runbook scenario and severity.
 *
 * @param scope {@link Scope#RESOURCE}: one incident per affected resource; {@link Scope#REGION}: one per region
 * @param reason the runbook's words for why this is that severity; kept for the reviewer, not used in matching
 */
public record ClassificationRule(
    String signal,
    Double minValue,
    RunbookScenario scenario,
    RunbookSeverity severity,
    Scope scope,
    String reason) {

  public enum Scope {
    RESOURCE,
    REGION
  }

  public ClassificationRule {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(scenario, "scenario of rule for " + signal);
    Objects.requireNonNull(severity, "severity of rule for " + signal);
    scope = scope == null ? Scope.RESOURCE : scope;
  }

  public boolean matches(String observedSignal, Double value) {
    if (!globToRegex(signal).matcher(observedSignal).matches()) {
      return false;
    }
    return minValue == null || (value != null && value >= minValue);
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
