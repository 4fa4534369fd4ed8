package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.PointInTimeRestorer;

/** RestoreTableToPointInTimeCommand -> {@link PointInTimeRestorer#restore}. */
public class RestoreTableToPointInTimeHandler
    implements CommandHandler<RestoreTableToPointInTimeCommand> {

  private final PointInTimeRestorer restorer;

  public RestoreTableToPointInTimeHandler(PointInTimeRestorer restorer) {
    this.restorer = restorer;
  }

  @Override
  public Class<RestoreTableToPointInTimeCommand> commandType() {
    return RestoreTableToPointInTimeCommand.class;
  }

  @Override
  public TableRestored handle(RestoreTableToPointInTimeCommand command, CommandContext context) {
    return OutcomeRecords.tableRestored(
        restorer.restore(
            command.getSourceTableName(),
            command.getTargetTableName(),
            command.getRegion(),
            command.getRestorePointTime(),
            context.progress().listener()));
  }
}
