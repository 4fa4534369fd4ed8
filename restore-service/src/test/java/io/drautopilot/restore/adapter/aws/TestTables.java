package io.drautopilot.restore.adapter.aws;

import io.drautopilot.localstack.Dynalite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The runbook's entities table shape, filled with deterministic items, for data-plane tests. */
public final class TestTables {

  private TestTables() {}

  public static void createEntitiesTable(DynamoDbClient dynamo, String name) {
    if (!Dynalite.createTable(dynamo, Dynalite.pkSkTable(name))) {
      throw new IllegalStateException("table " + name + " exists already");
    }
  }

  public static Map<String, AttributeValue> item(int i) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", AttributeValue.fromS("EMPLOYEE#" + i));
    item.put("SK", AttributeValue.fromS("PROFILE"));
    item.put("entityType", AttributeValue.fromS("Employee"));
    item.put("n", AttributeValue.fromN(Integer.toString(i)));
    item.put("tags", AttributeValue.fromSs(List.of("t" + (i % 7), "all")));
    item.put(
        "profile",
        AttributeValue.fromM(
            Map.of(
                "name",
                AttributeValue.fromS("Employee " + i),
                "active",
                AttributeValue.fromBool(i % 2 == 0))));
    return item;
  }

  /** Writes items 0..count-1 with parallel BatchWriteItem (retrying unprocessed items). */
  public static void fill(DynamoDbClient dynamo, String table, int count, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int perThread = (count + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int from = t * perThread;
        int to = Math.min(count, from + perThread);
        futures.add(
            pool.submit(
                () -> {
                  for (int start = from; start < to; start += 25) {
                    List<WriteRequest> batch = new ArrayList<>();
                    for (int i = start; i < Math.min(to, start + 25); i++) {
                      batch.add(
                          WriteRequest.builder()
                              .putRequest(PutRequest.builder().item(item(i)).build())
                              .build());
                    }
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    while (!pending.isEmpty()) {
                      Map<String, List<WriteRequest>> send = pending;
                      BatchWriteItemResponse r = dynamo.batchWriteItem(b -> b.requestItems(send));
                      pending = r.unprocessedItems();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every item of a table (parallel scan). */
  public static Map<String, Map<String, AttributeValue>> scanAll(
      DynamoDbClient dynamo, String table) {
    Map<String, Map<String, AttributeValue>> all = new HashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        if (all.put(item.get("PK").s() + "|" + item.get("SK").s(), item) != null) {
          throw new IllegalStateException("duplicate key in scan");
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return all;
  }
}
