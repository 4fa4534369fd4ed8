package io.drautopilot.validation.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.snapshots.SnapshotStore;
import io.drautopilot.validation.adapter.snapshot.LogicalSnapshotSource;
import io.drautopilot.validation.domain.DataSources;
import io.drautopilot.validation.domain.ItemSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

/** Tables through the per-region DynamoDB clients; snapshots from a directory or S3. */
public class AwsDataSources implements DataSources {

  private final RegionalClients<DynamoDbClient> clients;
  private final Integer scanPageSize;
  private final JsonMapper json;
  private final SnapshotStore snapshots;

  public AwsDataSources(
      RegionalClients<DynamoDbClient> clients,
      Integer scanPageSize,
      JsonMapper json,
      SnapshotStore snapshots) {
    this.clients = clients;
    this.scanPageSize = scanPageSize;
    this.json = json;
    this.snapshots = snapshots;
  }

  @Override
  public ItemSource table(String tableName, String region) {
    return new DynamoDbTableSource(clients.forRegion(region), tableName, scanPageSize);
  }

  @Override
  public ItemSource snapshot(String location) {
    return new LogicalSnapshotSource(json, snapshots, location);
  }
}
