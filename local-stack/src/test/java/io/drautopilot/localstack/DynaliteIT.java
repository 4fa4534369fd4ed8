package io.drautopilot.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynaliteIT {

  @Test
  void shouldWriteAndScanItemsWithTheSdkV2Client() {
    DynamoDbClient dynamo = Dynalite.shared().client();
    dynamo.createTable(
        b ->
            b.tableName("it-entities")
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
                    KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build()));

    IntStream.range(0, 25)
        .forEach(
            i ->
                dynamo.putItem(
                    b ->
                        b.tableName("it-entities")
                            .item(
                                Map.of(
                                    "PK",
                                    AttributeValue.fromS("EMPLOYEE#" + i),
                                    "SK",
                                    AttributeValue.fromS("PROFILE"),
                                    "entityType",
                                    AttributeValue.fromS("Employee")))));

    assertThat(dynamo.describeTable(b -> b.tableName("it-entities")).table().tableStatusAsString())
        .isEqualTo("ACTIVE");
    assertThat(dynamo.scan(b -> b.tableName("it-entities")).items())
        .hasSize(25)
        .allSatisfy(item -> assertThat(item.get("entityType").s()).isEqualTo("Employee"));
  }
}
