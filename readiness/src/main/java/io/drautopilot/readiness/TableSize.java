package io.drautopilot.readiness;

/**
 * How big a table is (DescribeTable's ItemCount and TableSizeBytes, which AWS refreshes about every
 * six hours). A negative value means unknown, and so does 0: DescribeTable reports 0 items and 0 bytes
 * for a table created less than about six hours ago whatever it holds (and DynamoDB Local / dynalite
 * always do), so a 0 is not evidence that the table is empty and never scales a forecast.
 */
public record TableSize(long itemCount, long sizeBytes) {

  public static final TableSize UNKNOWN = new TableSize(-1, -1);

  /** At least one of the two measures is known (above 0). */
  public boolean isKnown() {
    return itemCount > 0 || sizeBytes > 0;
  }

  /**
   * {@code this / other} on the measure both sides know: bytes when both have them, else items;
   * empty when they share none (a 0 on either side is unknown, not an empty table).
   */
  public java.util.OptionalDouble ratioTo(TableSize other) {
    if (sizeBytes > 0 && other.sizeBytes > 0) {
      return java.util.OptionalDouble.of((double) sizeBytes / other.sizeBytes);
    }
    if (itemCount > 0 && other.itemCount > 0) {
      return java.util.OptionalDouble.of((double) itemCount / other.itemCount);
    }
    return java.util.OptionalDouble.empty();
  }
}
