package io.drautopilot.validation.adapter.aws;

import io.drautopilot.validation.domain.ItemSource;
import io.drautopilot.validation.domain.KeyElement;
import io.drautopilot.validation.domain.ScannedItem;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** A DynamoDB table read with a parallel Scan (one thread per segment). */
public final class DynamoDbTableSource implements ItemSource {

  private final DynamoDbClient client;
  private final String tableName;
  private final Integer pageSize;
  private volatile TableDescription description;

  public DynamoDbTableSource(DynamoDbClient client, String tableName, Integer pageSize) {
    this.client = client;
    this.tableName = tableName;
    this.pageSize = pageSize;
  }

  @Override
  public String name() {
    return tableName;
  }

  private TableDescription describe() {
    TableDescription d = description;
    if (d == null) {
      d = client.describeTable(r -> r.tableName(tableName)).table();
      description = d;
    }
    return d;
  }

  @Override
  public List<KeyElement> keySchema() {
    return describe().keySchema().stream()
        .map(k -> new KeyElement(k.attributeName(), k.keyTypeAsString()))
        .toList();
  }

  @Override
  public long approximateItemCount() {
    Long n = describe().itemCount();
    return n == null ? -1 : n;
  }

  @Override
  public void scan(int segments, long perSegmentLimit, Consumer<ScannedItem> sink) {
    List<String> keys =
        keySchema().stream()
            .sorted((a, b) -> a.keyType().compareTo(b.keyType()))
            .map(KeyElement::attributeName)
            .toList();
    int total = Math.max(1, segments);
    ParallelParts.run(
        "scan-" + tableName,
        total,
        segment -> scanSegment(segment, total, perSegmentLimit, keys, sink));
  }

  private void scanSegment(
      int segment, int total, long limit, List<String> keys, Consumer<ScannedItem> sink) {
    CanonicalItems canonical = new CanonicalItems(keys);
    Map<String, AttributeValue> start = null;
    long seen = 0;
    do {
      ScanRequest.Builder req = ScanRequest.builder().tableName(tableName).exclusiveStartKey(start);
      if (total > 1) {
        req.segment(segment).totalSegments(total);
      }
      Integer pageLimit = pageSize;
      if (limit > 0) {
        long remaining = limit - seen;
        pageLimit = (int) Math.min(remaining, pageSize == null ? remaining : pageSize);
      }
      req.limit(pageLimit);
      ScanResponse page = client.scan(req.build());
      for (Map<String, AttributeValue> item : page.items()) {
        sink.accept(canonical.scanned(item));
        seen++;
        if (limit > 0 && seen >= limit) {
          return;
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    } while (start != null);
  }
}
