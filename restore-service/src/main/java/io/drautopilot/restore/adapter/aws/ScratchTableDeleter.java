package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.Polling;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.restore.ScratchTableDeleted;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.restore.domain.ScratchTablePolicy;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * DeleteScratchTable (monthly backup verification's cleanup): looks before it acts. A name outside
 * the scratch-table prefixes is refused without any AWS call; a table with deletion protection is
 * refused; a table that is already gone (a redelivered command, a cleanup done by hand) is a success
 * with {@code alreadyGone}; otherwise DeleteTable, then wait until DynamoDB no longer knows it.
 */
public class ScratchTableDeleter {

  private final RegionalClients<DynamoDbClient> dynamo;
  private final ScratchTablePolicy policy;
  private final Duration pollInterval;
  private final Duration timeout;

  public ScratchTableDeleter(
      RegionalClients<DynamoDbClient> dynamo,
      ScratchTablePolicy policy,
      Duration pollInterval,
      Duration timeout) {
    this.dynamo = dynamo;
    this.policy = policy;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  public ScratchTableDeleted delete(String tableName, String region) {
    policy.check(tableName);
    DynamoDbClient client = dynamo.forRegion(region);
    TableDescription table;
    try {
      table = client.describeTable(b -> b.tableName(tableName)).table();
    } catch (ResourceNotFoundException e) {
      return deleted(tableName, region, true, null);
    }
    if (Boolean.TRUE.equals(table.deletionProtectionEnabled())) {
      throw new RestoreRefusedException(
          "DeletionProtected",
          "table "
              + tableName
              + " in "
              + region
              + " has deletion protection on: a scratch table never does; turn it off by hand if this one really is");
    }
    if (table.tableStatus() != TableStatus.DELETING) {
      try {
        client.deleteTable(b -> b.tableName(tableName));
      } catch (ResourceNotFoundException e) {
        return deleted(tableName, region, true, table);
      } catch (ResourceInUseException e) {
        // still CREATING/UPDATING (or being deleted): the orchestrator's retry comes back later
        throw new RestoreRefusedException(
            "TableInUse", "table " + tableName + " cannot be deleted now: " + e.getMessage(), true);
      }
    }
    untilGone(client, tableName);
    return deleted(tableName, region, false, table);
  }

  private void untilGone(DynamoDbClient client, String tableName) {
    try {
      Polling.SYSTEM.until(
          "table " + tableName + " deleted",
          timeout,
          pollInterval,
          () -> {
            try {
              client.describeTable(b -> b.tableName(tableName));
              return Optional.empty();
            } catch (ResourceNotFoundException e) {
              return Optional.of(tableName);
            }
          });
    } catch (Polling.TimedOut e) {
      throw new RestoreRefusedException(
          "TableNotDeleted",
          "table " + tableName + " still exists " + timeout + " after DeleteTable",
          true);
    }
  }

  private static ScratchTableDeleted deleted(
      String tableName, String region, boolean alreadyGone, TableDescription t) {
    return ScratchTableDeleted.newBuilder()
        .setTableName(tableName)
        .setRegion(region)
        .setAlreadyGone(alreadyGone)
        .setItemCount(t == null ? null : t.itemCount())
        .setSizeBytes(t == null ? null : t.tableSizeBytes())
        .setTableArn(t == null ? null : t.tableArn())
        .build();
  }
}
