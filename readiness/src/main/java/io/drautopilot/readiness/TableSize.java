package io.drautopilot.readiness;

/**
 * How big a table is (DescribeTable's ItemCount and TableSizeBytes, which AWS refreshes about every
 * six hours). A negative value means unknown.
 */
public record TableSize(long itemCount, long sizeBytes) {

  public static final TableSize UNKNOWN = new TableSize(-1, -1);

  public boolean isKnown() {
    return itemCount >= 0 || sizeBytes >= 0;
  }

  /**
   * {@code this / other} on the measure both sides know: bytes when both have them, else items;
   * empty when they share none, or the other is empty (an empty table says nothing about scale).
   */
  public java.util.OptionalDouble ratioTo(TableSize other) {
    if (sizeBytes > 0 && other.sizeBytes > 0) {
      return java.util.OptionalDouble.of((double) sizeBytes / other.sizeBytes);
    }
    if (itemCount >= 0 && other.itemCount > 0) {
      return java.util.OptionalDouble.of(Math.max(itemCount, 1) / (double) other.itemCount);
    }
    return java.util.OptionalDouble.empty();
  }
}
