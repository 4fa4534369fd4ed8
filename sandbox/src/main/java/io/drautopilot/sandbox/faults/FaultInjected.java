package io.drautopilot.sandbox.faults;

import java.time.Instant;

/** What was done, and what the detector should raise for it. */
public record FaultInjected(
    String faultId,
    String kind,
    String region,
    String table,
    Instant injectedAt,
    String expectedScenario,
    String detail) {}
