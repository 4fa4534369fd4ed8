package io.drautopilot.sandbox.faults;

/**
 * A drill fault. {@code kind}: table-corruption, table-deleted, region-unreachable, throttling, breach-signal.
 * {@code region} and {@code table} default to the first probe target; {@code share} is the part of the sampled
 * items to corrupt (default 0.2); {@code value} the throttled-request count to report (default 500); {@code count}
 * the number of Scans of the breach burst (default 200).
 */
public record FaultRequest(
    String kind, String region, String table, Double share, Double value, Integer count) {}
