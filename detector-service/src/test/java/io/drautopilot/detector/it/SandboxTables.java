package io.drautopilot.detector.it;

import io.drautopilot.localstack.Dynalite;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables shaped like the seed's: PK/SK keys, an entityType on every item. */
final class SandboxTables {

  static void create(DynamoDbClient dynamo, String table, int items) {
    try {
      dynamo.createTable(
          b ->
              b.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("PK")
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName("SK")
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
                      KeySchemaElement.builder()
                          .attributeName("SK")
                          .keyType(KeyType.RANGE)
                          .build()));
    } catch (ResourceInUseException e) {
      return;
    }
    awaitActive(dynamo, table);
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

  static void awaitActive(DynamoDbClient dynamo, String table) {
    Dynalite.awaitActive(dynamo, table);
  }

  private SandboxTables() {}
}
