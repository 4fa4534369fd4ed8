package io.drautopilot.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynaliteIT {

  @Test
  void shouldWriteAndScanItemsWithTheSdkV2Client() {
    DynamoDbClient dynamo = Dynalite.shared().client();
    Dynalite.createTable(dynamo, Dynalite.pkSkTable("it-entities"));

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

  @Test
  void shouldCreateATableReadyForWritesOnceAndLeaveAnExistingOneAlone() {
    DynamoDbClient dynamo = Dynalite.shared().client();

    boolean created = Dynalite.createTable(dynamo, Dynalite.pkSkTable("it-once"));
    // written at once: no wait between the create and the write
    dynamo.putItem(
        b ->
            b.tableName("it-once")
                .item(Map.of("PK", AttributeValue.fromS("A"), "SK", AttributeValue.fromS("B"))));
    boolean again = Dynalite.createTable(dynamo, Dynalite.pkSkTable("it-once"));

    assertThat(created).isTrue();
    assertThat(again).isFalse();
    assertThat(dynamo.describeTable(b -> b.tableName("it-once")).table().tableStatusAsString())
        .isEqualTo("ACTIVE");
    assertThat(dynamo.scan(b -> b.tableName("it-once")).count()).isEqualTo(1);
  }
}
