package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.PointInTimeRestorer;
import org.apache.avro.specific.SpecificRecord;

/** RestoreTableToPointInTimeCommand -> {@link PointInTimeRestorer#restore}. */
public class RestoreTableToPointInTimeHandler implements CommandHandler<RestoreTableToPointInTimeCommand> {

  private final PointInTimeRestorer restorer;
  private final Replies replies;

  public RestoreTableToPointInTimeHandler(PointInTimeRestorer restorer, Replies replies) {
    this.restorer = restorer;
    this.replies = replies;
  }

  @Override
  public Class<RestoreTableToPointInTimeCommand> commandType() {
    return RestoreTableToPointInTimeCommand.class;
  }

  @Override
  public SpecificRecord handle(RestoreTableToPointInTimeCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      var r = restorer.restore(command.getSourceTableName(), command.getTargetTableName(), command.getRegion(),
          command.getRestorePointTime(), Replies.progressOf(context));
      return TableRestored.newBuilder().setTableName(r.tableName()).setTableArn(r.tableArn()).setItemCount(r.itemCount())
          .setRestoredToTime(r.restoredTo()).setDurationMillis(r.duration().toMillis())
          .setReappliedSettings(r.reappliedSettings()).build();
    });
  }
}
