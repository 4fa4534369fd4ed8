package io.drautopilot.orchestrator.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One runbook step. {@code parameters} values are a {@link Template}, a list of them or a map of
 * them, matching the command field's type (string-like, array, map). {@code verdict} is the
 * action's, from the catalog: a success whose answer is no fails the step. {@code expected} is how
 * long the step usually takes (zero when not declared), for the "RTO at risk" forecast.
 * {@code forEach}: the step runs once per affected table; in an incident's runbook each copy has
 * {@code suffix} (empty when there is one table) and its table's catalogue entry as {@code resource}.
 */
public record Step(
    String id,
    String title,
    String action,
    Map<String, Object> parameters,
    List<String> dependsOn,
    Duration timeout,
    RetryPolicy retries,
    FailurePolicy onFailure,
    Condition condition,
    ApprovalGate approval,
    String compensation,
    ActionCatalog.Verdict verdict,
    Duration expected,
    boolean forEach,
    String suffix,
    Map<String, String> resource) {

  public Step(
      String id,
      String title,
      String action,
      Map<String, Object> parameters,
      List<String> dependsOn,
      Duration timeout,
      RetryPolicy retries,
      FailurePolicy onFailure,
      Condition condition,
      ApprovalGate approval,
      String compensation,
      ActionCatalog.Verdict verdict,
      Duration expected,
      boolean forEach) {
    this(
        id,
        title,
        action,
        parameters,
        dependsOn,
        timeout,
        retries,
        onFailure,
        condition,
        approval,
        compensation,
        verdict,
        expected,
        forEach,
        "",
        null);
  }

  /**
   * This step in an incident's runbook: a per-table step becomes the copy for one table (id and
   * per-table dependencies suffixed, its resource attached); a step that runs once waits for every
   * copy of a per-table step it depends on.
   */
  Step expanded(
      String copySuffix,
      Map<String, String> copyResource,
      java.util.Set<String> perTable,
      List<String> allSuffixes) {
    List<String> deps = new java.util.ArrayList<>();
    for (String dep : dependsOn) {
      if (!perTable.contains(dep)) {
        deps.add(dep);
      } else if (forEach) {
        deps.add(dep + copySuffix);
      } else {
        allSuffixes.forEach(x -> deps.add(dep + x));
      }
    }
    String comp =
        compensation != null && forEach && perTable.contains(compensation)
            ? compensation + copySuffix
            : compensation;
    FailurePolicy failure =
        onFailure.kind() == FailurePolicy.Kind.COMPENSATE
                && forEach
                && perTable.contains(onFailure.compensationStep())
            ? new FailurePolicy(
                FailurePolicy.Kind.COMPENSATE, onFailure.compensationStep() + copySuffix)
            : onFailure;
    return new Step(
        forEach ? id + copySuffix : id,
        title,
        action,
        parameters,
        List.copyOf(deps),
        timeout,
        retries,
        failure,
        condition,
        approval,
        comp,
        verdict,
        expected,
        forEach,
        forEach ? copySuffix : "",
        forEach ? copyResource : null);
  }

  /** The id of another step as this one sees it: its own table's copy of a per-table step. */
  public String sees(String stepId, java.util.Set<String> perTable) {
    return forEach && perTable.contains(stepId) ? stepId + suffix : stepId;
  }

  /** {@code max} further attempts after the first, waiting backoff × multiplier^(attempt-1). */
  public record RetryPolicy(int max, Duration backoff, double multiplier) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1.0);

    public Duration delayBefore(int nextAttempt) {
      double factor = Math.pow(multiplier, Math.max(0, nextAttempt - 2));
      return Duration.ofMillis((long) (backoff.toMillis() * factor));
    }
  }

  /** What a terminal failure does: abort the run, continue, escalate and hold, or run a compensation step. */
  public record FailurePolicy(Kind kind, String compensationStep) {

    public enum Kind {
      ABORT,
      CONTINUE,
      ESCALATE,
      COMPENSATE
    }

    public static final FailurePolicy ABORT = new FailurePolicy(Kind.ABORT, null);

    public static FailurePolicy parse(String text) {
      String t = text.trim();
      if (t.startsWith("compensate:")) {
        String step = t.substring("compensate:".length()).trim();
        if (step.isEmpty()) {
          throw new IllegalArgumentException(
              "'compensate:' needs a step id, e.g. compensate:close-circuit-breaker");
        }
        return new FailurePolicy(Kind.COMPENSATE, step);
      }
      return switch (t) {
        case "abort" -> ABORT;
        case "continue" -> new FailurePolicy(Kind.CONTINUE, null);
        case "escalate" -> new FailurePolicy(Kind.ESCALATE, null);
        default ->
            throw new IllegalArgumentException(
                "unknown onFailure '"
                    + text
                    + "': expected abort, continue, escalate or compensate:<step>");
      };
    }

    @Override
    public String toString() {
      return kind == Kind.COMPENSATE ? "compensate:" + compensationStep : kind.name().toLowerCase();
    }
  }

  /** A person-in-the-loop gate: {@code approvers} distinct people with {@code role} within {@code timeout}. */
  public record ApprovalGate(
      String role, int approvers, Duration timeout, Outcome onTimeout, Outcome onReject) {

    public enum Outcome {
      ABORT,
      SKIP,
      ESCALATE
    }
  }
}
