package io.drautopilot.validation.domain;

import java.util.List;
import java.util.Map;

/** What validating one table found: counts, the first invalid keys (keys only) and counts per rule. */
public record ValidationReport(
    String tableName,
    boolean passed,
    boolean keySchemaMatches,
    long scannedItems,
    long validItems,
    long invalidItems,
    List<String> invalidKeys,
    Map<String, Long> violations,
    long durationMillis) {}
