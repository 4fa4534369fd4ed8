package io.drautopilot.validation.domain;

import java.util.List;
import java.util.function.Consumer;

/** A source that cannot say how many items it has (a snapshot without a count, a table DynamoDB has not counted yet). */
record UnknownCountSource(ItemSource items) implements ItemSource {

  @Override
  public String name() {
    return items.name();
  }

  @Override
  public List<KeyElement> keySchema() {
    return items.keySchema();
  }

  @Override
  public long approximateItemCount() {
    return 0;
  }

  @Override
  public void scan(int segments, long perSegmentLimit, Consumer<ScannedItem> sink) {
    items.scan(segments, perSegmentLimit, sink);
  }
}
