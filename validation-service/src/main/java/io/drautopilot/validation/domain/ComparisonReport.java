package io.drautopilot.validation.domain;

import java.util.List;

/**
 * Whether two item sets are the same. The key lists are a bounded summary: sorted, at most
 * {@code maxDifferingKeys} each, taken from the differing buckets that fitted the re-scan budget.
 * The counts are of every difference found in those buckets, and {@code keyListsComplete} says
 * whether the lists name every difference (all differing buckets re-scanned, no list cut).
 */
public record ComparisonReport(
    boolean matches,
    long sourceItemCount,
    long targetItemCount,
    String sourceDigest,
    String targetDigest,
    int differingBuckets,
    List<String> missingInTargetKeys,
    List<String> extraInTargetKeys,
    List<String> changedKeys,
    long durationMillis,
    long missingInTargetCount,
    long extraInTargetCount,
    long changedCount,
    boolean keyListsComplete) {}
