package io.drautopilot.validation.domain;

/** Latency percentiles in milliseconds and the error rate, and whether they meet the thresholds. */
public record PerformanceReport(
    boolean passed,
    int requests,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double errorRate) {}
