package io.drautopilot.validation.domain;

import java.util.List;
import java.util.function.Consumer;

/** Something whose items can be read in parallel: a DynamoDB table or a logical snapshot. */
public interface ItemSource {

  /** For reports and logs: the table name or the snapshot it was resolved to. */
  String name();

  List<KeyElement> keySchema();

  /** Approximate item count (for progress), or -1 when unknown. */
  long approximateItemCount();

  /**
   * Reads items in {@code segments} parallel parts and hands each to {@code sink}, from several
   * threads at once. With {@code perSegmentLimit > 0} it stops each part after that many items (a
   * sample spread over the whole key space); otherwise it reads everything.
   */
  void scan(int segments, long perSegmentLimit, Consumer<ScannedItem> sink);
}
