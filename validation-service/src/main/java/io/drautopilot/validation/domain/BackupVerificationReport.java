package io.drautopilot.validation.domain;

/** The monthly backup verification: the scratch restore validated and compared, and how long it took. */
public record BackupVerificationReport(
    boolean passed,
    ValidationReport validation,
    ComparisonReport comparison,
    long restoreDurationMillis) {}
