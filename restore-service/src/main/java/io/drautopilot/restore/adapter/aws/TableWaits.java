package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Waits for a table to become ACTIVE, polling at a configurable interval (the SDK waiter's default
 * is 20 s, too coarse for progress events and for tests).
 */
final class TableWaits {

  private TableWaits() {}

  static TableDescription untilActive(DynamoDbClient dynamo, String table, Duration interval, Duration timeout,
                                      Consumer<TableDescription> onPoll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      TableDescription t;
      try {
        t = dynamo.describeTable(b -> b.tableName(table)).table();
      } catch (ResourceNotFoundException e) {
        // a table just created or being restored may not be visible yet
        t = null;
      }
      if (t != null) {
        onPoll.accept(t);
        if ("ACTIVE".equals(t.tableStatusAsString())) {
          return t;
        }
        if ("DELETING".equals(t.tableStatusAsString())) {
          throw new RestoreRefusedException("TableDeleted", "table " + table + " is being deleted");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new RestoreRefusedException("TableNotActive",
            "table " + table + " not ACTIVE within " + timeout, true);
      }
      TableSnapshotImporter.sleep(interval);
    }
  }
}
