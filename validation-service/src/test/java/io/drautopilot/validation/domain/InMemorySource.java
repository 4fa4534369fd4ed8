package io.drautopilot.validation.domain;

import io.drautopilot.validation.adapter.aws.CanonicalItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items in a list, read in parts the way a parallel scan would (item i in part i mod n), in reverse order. */
public record InMemorySource(String name, List<Map<String, AttributeValue>> items)
    implements ItemSource {

  @Override
  public List<KeyElement> keySchema() {
    return List.of(new KeyElement("PK", "HASH"), new KeyElement("SK", "RANGE"));
  }

  @Override
  public long approximateItemCount() {
    return items.size();
  }

  @Override
  public void scan(int segments, long perSegmentLimit, Consumer<ScannedItem> sink) {
    CanonicalItems canonical = new CanonicalItems(List.of("PK", "SK"));
    List<Map<String, AttributeValue>> reversed = new ArrayList<>(items);
    java.util.Collections.reverse(reversed);
    for (int s = 0; s < segments; s++) {
      long seen = 0;
      for (int i = s; i < reversed.size(); i += segments) {
        sink.accept(canonical.scanned(reversed.get(i)));
        if (perSegmentLimit > 0 && ++seen >= perSegmentLimit) {
          break;
        }
      }
    }
  }

  public static Map<String, AttributeValue> item(String pk, String sk, String entityType, int n) {
    Map<String, AttributeValue> m = new java.util.LinkedHashMap<>();
    m.put("PK", AttributeValue.fromS(pk));
    m.put("SK", AttributeValue.fromS(sk));
    if (entityType != null) {
      m.put("entityType", AttributeValue.fromS(entityType));
    }
    m.put("n", AttributeValue.fromN(Integer.toString(n)));
    return m;
  }
}
