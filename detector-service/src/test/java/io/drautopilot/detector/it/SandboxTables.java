package io.drautopilot.detector.it;

import io.drautopilot.localstack.Dynalite;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tables shaped like the seed's: PK/SK keys, an entityType on every item. */
final class SandboxTables {

  static void create(DynamoDbClient dynamo, String table, int items) {
    if (!Dynalite.createTable(dynamo, Dynalite.pkSkTable(table))) {
      return;
    }
    IntStream.range(0, items)
        .forEach(
            i ->
                dynamo.putItem(
                    b ->
                        b.tableName(table)
                            .item(
                                Map.of(
                                    "PK",
                                    AttributeValue.fromS("EMPLOYEE#" + i),
                                    "SK",
                                    AttributeValue.fromS("PROFILE"),
                                    "entityType",
                                    AttributeValue.fromS("Employee")))));
  }

  private SandboxTables() {}
}
