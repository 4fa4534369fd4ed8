package io.drautopilot.validation;

import io.drautopilot.localstack.Dynalite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Seed-shaped tables in dynalite: employees and departments, and ways to spoil them. */
final class TestTables {

  private TestTables() {}

  static void create(DynamoDbClient client, String table, boolean withSortKey) {
    List<KeySchemaElement> keys =
        new ArrayList<>(
            List.of(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build()));
    List<AttributeDefinition> defs =
        new ArrayList<>(
            List.of(
                AttributeDefinition.builder()
                    .attributeName("PK")
                    .attributeType(ScalarAttributeType.S)
                    .build()));
    if (withSortKey) {
      keys.add(KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build());
      defs.add(
          AttributeDefinition.builder()
              .attributeName("SK")
              .attributeType(ScalarAttributeType.S)
              .build());
    }
    try {
      client.createTable(
          r ->
              r.tableName(table)
                  .keySchema(keys)
                  .attributeDefinitions(defs)
                  .billingMode(BillingMode.PAY_PER_REQUEST));
    } catch (ResourceInUseException e) {
      // already there from an earlier class in this JVM
    }
    Dynalite.awaitActive(client, table);
  }

  /** Item i of a good seed-shaped table: every 5th a department, the rest employees with email and salary. */
  static Map<String, AttributeValue> good(int i) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    if (i % 5 == 0) {
      m.put("PK", AttributeValue.fromS("DEPARTMENT#" + i));
      m.put("SK", AttributeValue.fromS("PROFILE"));
      m.put("entityType", AttributeValue.fromS("Department"));
      m.put("name", AttributeValue.fromS("Department " + i));
    } else {
      m.put("PK", AttributeValue.fromS("EMPLOYEE#" + i));
      m.put("SK", AttributeValue.fromS("PROFILE"));
      m.put("entityType", AttributeValue.fromS("Employee"));
      m.put("email", AttributeValue.fromS("person" + i + "@example.com"));
      m.put("salary", AttributeValue.fromN(Integer.toString(50_000 + i)));
    }
    return m;
  }

  static List<Map<String, AttributeValue>> goodItems(int n) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(good(i));
    }
    return items;
  }

  static void put(DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch =
          items.subList(from, Math.min(items.size(), from + 25)).stream()
              .map(
                  item ->
                      WriteRequest.builder()
                          .putRequest(PutRequest.builder().item(item).build())
                          .build())
              .toList();
      Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, batch));
      while (!pending.isEmpty()) {
        BatchWriteItemResponse r = client.batchWriteItem(b -> b.requestItems(pending));
        pending.clear();
        if (r.hasUnprocessedItems()) {
          pending.putAll(r.unprocessedItems());
        }
      }
    }
  }

  /** DynamoDB JSON of an item of S and N attributes, as restore-service writes it in a snapshot. */
  static String json(Map<String, AttributeValue> item) {
    StringBuilder sb = new StringBuilder("{");
    item.forEach(
        (k, v) -> {
          if (sb.length() > 1) {
            sb.append(',');
          }
          String type = v.s() != null ? "S" : "N";
          sb.append('"')
              .append(k)
              .append("\":{\"")
              .append(type)
              .append("\":\"")
              .append(v.s() != null ? v.s() : v.n())
              .append("\"}");
        });
    return sb.append('}').toString();
  }
}
