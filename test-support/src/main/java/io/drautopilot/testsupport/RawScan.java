package io.drautopilot.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** For benchmarks: the baseline a table reader is measured against, a bare parallel Scan that only counts. */
public final class RawScan {

  private RawScan() {}

  /**
   * Items/s of a parallel Scan of {@code table} in {@code segments} segments (one thread each).
   *
   * @param pageSize Scan Limit, or null for DynamoDB's 1 MB pages
   * @throws AssertionError when it did not read {@code expected} items
   */
  public static double itemsPerSecond(
      DynamoDbClient db, String table, int segments, Integer pageSize, long expected)
      throws InterruptedException {
    AtomicLong items = new AtomicLong();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(segments);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int i = 0; i < segments; i++) {
        int segment = i;
        parts.add(
            pool.submit(
                () -> {
                  Map<String, AttributeValue> start = null;
                  do {
                    Map<String, AttributeValue> from = start;
                    ScanResponse page =
                        db.scan(
                            b ->
                                b.tableName(table)
                                    .segment(segment)
                                    .totalSegments(segments)
                                    .limit(pageSize)
                                    .exclusiveStartKey(from));
                    items.addAndGet(page.items().size());
                    start =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                            ? page.lastEvaluatedKey()
                            : null;
                  } while (start != null);
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("raw scan of " + table + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    if (items.get() != expected) {
      throw new AssertionError("raw scan read " + items.get() + " of " + expected);
    }
    return items.get() / ((System.nanoTime() - t0) / 1e9);
  }
}
