package io.drautopilot.detector.domain;

/** The outcome of classifying one failing observation. */
public record Classification(
    RunbookScenario scenario, RunbookSeverity severity, ClassificationRule.Scope scope) {}
