package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.Polling;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Waits for a table to become ACTIVE, polling at a configurable interval (the SDK waiter's default
 * is 20 s, too coarse for progress events and for tests).
 */
final class TableWaits {

  private TableWaits() {}

  static TableDescription untilActive(
      DynamoDbClient dynamo,
      String table,
      Duration interval,
      Duration timeout,
      Consumer<TableDescription> onPoll) {
    try {
      return Polling.SYSTEM.until(
          "table " + table + " ACTIVE",
          timeout,
          interval,
          () -> {
            TableDescription t;
            try {
              t = dynamo.describeTable(b -> b.tableName(table)).table();
            } catch (ResourceNotFoundException e) {
              // a table just created or being restored may not be visible yet
              return Optional.empty();
            }
            onPoll.accept(t);
            if (t.tableStatus() == TableStatus.DELETING) {
              throw new RestoreRefusedException(
                  "TableDeleted", "table " + table + " is being deleted");
            }
            return Optional.of(t).filter(active -> active.tableStatus() == TableStatus.ACTIVE);
          });
    } catch (Polling.TimedOut e) {
      throw new RestoreRefusedException(
          "TableNotActive", "table " + table + " not ACTIVE within " + timeout, true);
    }
  }
}
