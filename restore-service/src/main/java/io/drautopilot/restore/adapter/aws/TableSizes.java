package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.readiness.TableSize;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table's size from DescribeTable (ItemCount, TableSizeBytes; AWS refreshes them about every six hours),
 * for the import's floor when no readiness assessment gave it. Unknown when the table cannot be described:
 * the choice goes on with the floor for an unknown size rather than failing over a figure.
 */
public class TableSizes {

  private final RegionalClients<DynamoDbClient> dynamo;

  public TableSizes(RegionalClients<DynamoDbClient> dynamo) {
    this.dynamo = dynamo;
  }

  public TableSize of(String tableName, String region) {
    try {
      TableDescription t =
          dynamo.forRegion(region).describeTable(b -> b.tableName(tableName)).table();
      return new TableSize(
          t.itemCount() == null ? -1 : t.itemCount(),
          t.tableSizeBytes() == null ? -1 : t.tableSizeBytes());
    } catch (SdkException e) {
      return TableSize.UNKNOWN;
    }
  }
}
