package io.drautopilot.sandbox;

import io.drautopilot.localstack.Dynalite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The seed's tables ({@code <prefix>-entities}, {@code <prefix>-events}) with realistic items in the
 * single-table shape the Tyler Setup backend uses: {@code PK}, {@code SK}, {@code entityType} and
 * attributes. Deterministic for a given size, so two drills with the same flags seed the same data.
 */
final class SeedData {

  static final String[] DEPARTMENTS = {
    "Engineering", "Finance", "People", "Operations", "Sales", "Legal"
  };
  static final String[] EVENT_TYPES = {
    "EMPLOYEE_CREATED",
    "ONBOARDING_STEP_COMPLETED",
    "EQUIPMENT_ASSIGNED",
    "ACCESS_GRANTED",
    "PROFILE_UPDATED"
  };

  private SeedData() {}

  static String entitiesTable(String prefix) {
    return prefix + "-entities";
  }

  static String eventsTable(String prefix) {
    return prefix + "-events";
  }

  static void createTable(DynamoDbClient dynamo, String table) {
    try {
      dynamo.deleteTable(b -> b.tableName(table));
    } catch (ResourceNotFoundException ignored) {
      // fresh state
    }
    Dynalite.createTable(dynamo, Dynalite.pkSkTable(table));
  }

  /** The items in the table, counted by scanning all of it (dynalite's ItemCount stays 0). */
  static long count(DynamoDbClient dynamo, String table) {
    long items = 0;
    Map<String, AttributeValue> next = null;
    do {
      Map<String, AttributeValue> from = next;
      ScanResponse page =
          dynamo.scan(b -> b.tableName(table).select(Select.COUNT).exclusiveStartKey(from));
      items += page.count();
      next = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (next != null && !next.isEmpty());
    return items;
  }

  /** Four entity items for every event item; departments first. */
  static long seed(
      DynamoDbClient dynamo,
      String prefix,
      int totalItems,
      int parallelism,
      LongConsumer progress) {
    int events = totalItems / 5;
    int entities = totalItems - events;
    AtomicLong written = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<?>> work = new ArrayList<>();
      int chunk = 2_500;
      for (int start = 0; start < entities; start += chunk) {
        int from = start;
        int to = Math.min(entities, start + chunk);
        work.add(
            pool.submit(
                () ->
                    write(
                        dynamo, entitiesTable(prefix), entityItems(from, to), written, progress)));
      }
      for (int start = 0; start < events; start += chunk) {
        int from = start;
        int to = Math.min(events, start + chunk);
        work.add(
            pool.submit(
                () ->
                    write(
                        dynamo,
                        eventsTable(prefix),
                        eventItems(from, to, entities),
                        written,
                        progress)));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    return written.get();
  }

  static List<Map<String, AttributeValue>> entityItems(int from, int to) {
    List<Map<String, AttributeValue>> items = new ArrayList<>(to - from);
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = from; i < to; i++) {
      Random r = new Random(i);
      Map<String, AttributeValue> item = new HashMap<>();
      if (i < DEPARTMENTS.length) {
        item.put("PK", s("DEPARTMENT#" + i));
        item.put("SK", s("METADATA"));
        item.put("entityType", s("Department"));
        item.put("name", s(DEPARTMENTS[i]));
      } else {
        item.put("PK", s("EMPLOYEE#" + String.format("%08d", i)));
        item.put("SK", s("PROFILE"));
        item.put("entityType", s("Employee"));
        item.put("name", s("Employee " + i));
        item.put("email", s("employee" + i + "@example.test"));
        item.put("departmentId", s("DEPARTMENT#" + r.nextInt(DEPARTMENTS.length)));
        item.put("status", s(r.nextInt(10) == 0 ? "ONBOARDING" : "ACTIVE"));
        item.put("GSI1PK", s("DEPARTMENT#" + r.nextInt(DEPARTMENTS.length)));
        item.put("GSI1SK", s("EMPLOYEE#" + String.format("%08d", i)));
      }
      item.put("createdAt", s(base.plusSeconds(i * 37L).toString()));
      item.put("version", AttributeValue.fromN(Integer.toString(1 + r.nextInt(5))));
      items.add(item);
    }
    return items;
  }

  static List<Map<String, AttributeValue>> eventItems(int from, int to, int employees) {
    List<Map<String, AttributeValue>> items = new ArrayList<>(to - from);
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = from; i < to; i++) {
      Random r = new Random(1_000_000L + i);
      int employee = DEPARTMENTS.length + r.nextInt(Math.max(1, employees - DEPARTMENTS.length));
      Instant at = base.plusSeconds(i * 53L);
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", s("EMPLOYEE#" + String.format("%08d", employee)));
      item.put("SK", s("EVENT#" + at + "#" + i));
      item.put("entityType", s("Event"));
      item.put("eventType", s(EVENT_TYPES[r.nextInt(EVENT_TYPES.length)]));
      item.put("occurredAt", s(at.toString()));
      item.put("actor", s("system"));
      items.add(item);
    }
    return items;
  }

  private static void write(
      DynamoDbClient dynamo,
      String table,
      List<Map<String, AttributeValue>> items,
      AtomicLong written,
      LongConsumer progress) {
    for (int i = 0; i < items.size(); i += 25) {
      List<WriteRequest> batch =
          items.subList(i, Math.min(items.size(), i + 25)).stream()
              .map(
                  item ->
                      WriteRequest.builder()
                          .putRequest(PutRequest.builder().item(item).build())
                          .build())
              .toList();
      Map<String, List<WriteRequest>> pending = Map.of(table, batch);
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
        pending = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
        if (!pending.isEmpty()) {
          sleep(Math.min(1000, 20L << Math.min(attempt, 6)));
        }
      }
      progress.accept(written.addAndGet(batch.size()));
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
