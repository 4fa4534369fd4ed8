package io.drautopilot.validation.adapter.aws;

import io.drautopilot.validation.domain.LoadRunner;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * A DynamoDB read as the performance probe: GetItem on keys sampled from the table (round robin), so
 * it measures what a request of the service would see, not a scan.
 */
public final class DynamoDbReadProbe implements LoadRunner.Probe {

  private final DynamoDbClient client;
  private final String table;
  private final List<Map<String, AttributeValue>> keys;

  public DynamoDbReadProbe(DynamoDbClient client, String table, int sampleKeys) {
    this.client = client;
    this.table = table;
    List<String> keyNames =
        client.describeTable(r -> r.tableName(table)).table().keySchema().stream()
            .map(KeySchemaElement::attributeName)
            .toList();
    this.keys =
        client
            .scan(
                r ->
                    r.tableName(table)
                        .limit(Math.max(1, sampleKeys))
                        .projectionExpression(
                            String.join(
                                ", ",
                                keyNames.stream()
                                    .map(k -> "#" + k.replaceAll("[^A-Za-z0-9_]", "_"))
                                    .toList()))
                        .expressionAttributeNames(
                            keyNames.stream()
                                .collect(
                                    java.util.stream.Collectors.toMap(
                                        k -> "#" + k.replaceAll("[^A-Za-z0-9_]", "_"), k -> k))))
            .items();
    if (keys.isEmpty()) {
      throw new IllegalStateException("table " + table + " is empty: no keys to read");
    }
  }

  @Override
  public void call(int requestIndex) {
    client.getItem(r -> r.tableName(table).key(keys.get(requestIndex % keys.size())));
  }
}
