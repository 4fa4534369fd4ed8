package io.drautopilot.readiness;

import java.time.Instant;
import java.util.Optional;

/**
 * A table's point-in-time recovery as DescribeContinuousBackups reported it.
 *
 * @param evidence the read it comes from, e.g. {@code DescribeContinuousBackups:<table>@<time>}
 */
public record PitrStatus(
    boolean enabled, Optional<Instant> latestRestorableTime, String evidence) {}
