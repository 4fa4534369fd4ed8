package io.drautopilot.validation.domain;

/**
 * Latency percentiles in milliseconds and the error rate of the measured requests, and whether they
 * meet the thresholds.
 *
 * @param requests the requests measured
 * @param warmUpRequests the requests sent during the warm-up, before measuring (not in the figures)
 */
public record PerformanceReport(
    boolean passed,
    int requests,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double errorRate,
    int warmUpRequests) {}
