package io.drautopilot.restore.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (the AWS architecture blog's recommendation for retrying
 * unprocessed DynamoDB items): attempt n waits a random time in [0, min(max, base * 2^n)).
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {

  public Duration delayBeforeRetry(int attempt, DoubleSupplier random) {
    long cap = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(attempt, 30)));
    return Duration.ofMillis((long) (random.getAsDouble() * cap));
  }
}
