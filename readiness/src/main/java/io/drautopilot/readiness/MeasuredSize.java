package io.drautopilot.readiness;

import java.time.Instant;

/**
 * A table's item count as this product itself measured it, at a known time: the items of a logical
 * snapshot it exported, or of a restore or import it ran. Stands in for DescribeTable's size when
 * that is unknown (see {@link TableSize}).
 *
 * @param what how a person names where it comes from ("newest snapshot", "latest restore")
 * @param evidence the event that reported it
 */
public record MeasuredSize(long itemCount, Instant at, String what, String evidence) {

  public TableSize size() {
    return new TableSize(itemCount, -1);
  }

  public boolean isKnown() {
    return itemCount > 0;
  }
}
