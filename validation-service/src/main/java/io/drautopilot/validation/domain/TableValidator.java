package io.drautopilot.validation.domain;

import io.drautopilot.integrity.IntegrityTally;
import io.drautopilot.integrity.RuleSet;
import io.drautopilot.messaging.command.ProgressListener;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's table validation script, done properly: the key schema against the expected one, then
 * the record rules over a sample spread across scan segments (or every item).
 */
public class TableValidator {

  private final Clock clock;
  private final boolean failOnEmpty;

  /**
   * @param failOnEmpty an empty table does not pass: after a recovery it means the data is missing
   */
  public TableValidator(Clock clock, boolean failOnEmpty) {
    this.clock = clock;
    this.failOnEmpty = failOnEmpty;
  }

  /**
   * @param sampleSize items to sample, spread evenly over the segments; null or &lt;= 0 for every item
   */
  public ValidationReport validate(
      ItemSource source,
      List<KeyElement> expectedKeySchema,
      Integer sampleSize,
      int segments,
      RuleSet rules,
      int maxInvalidKeys,
      ProgressListener progress) {
    long started = clock.millis();
    boolean keySchemaMatches =
        new HashSet<>(source.keySchema()).equals(new HashSet<>(expectedKeySchema));
    IntegrityTally tally = new IntegrityTally(rules, maxInvalidKeys);
    boolean sampled = sampleSize != null && sampleSize > 0;
    int parts = Math.max(1, sampled ? Math.min(segments, sampleSize) : segments);
    long perSegment = sampled ? (sampleSize + parts - 1) / parts : 0;
    Long total = sampled ? Long.valueOf(sampleSize) : positiveOrNull(source.approximateItemCount());
    AtomicLong done = new AtomicLong();
    source.scan(
        parts,
        perSegment,
        item -> {
          tally.record(item.view());
          long n = done.incrementAndGet();
          if (n % 1000 == 0) {
            progress.progress(n, total, "validated " + n + " items of " + source.name());
          }
        });
    long scanned = tally.scanned();
    boolean passed = keySchemaMatches && tally.invalid() == 0 && (scanned > 0 || !failOnEmpty);
    return new ValidationReport(
        source.name(),
        passed,
        keySchemaMatches,
        scanned,
        tally.valid(),
        tally.invalid(),
        tally.invalidKeys(),
        tally.violationsByRule(),
        clock.millis() - started);
  }

  static Long positiveOrNull(long n) {
    return n > 0 ? n : null;
  }
}
