package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.LogicalSnapshots;
import org.apache.avro.specific.SpecificRecord;

/** ExportTableSnapshotCommand -> {@link LogicalSnapshots#export}. */
public class ExportTableSnapshotHandler implements CommandHandler<ExportTableSnapshotCommand> {

  private final LogicalSnapshots snapshots;
  private final Replies replies;

  public ExportTableSnapshotHandler(LogicalSnapshots snapshots, Replies replies) {
    this.snapshots = snapshots;
    this.replies = replies;
  }

  @Override
  public Class<ExportTableSnapshotCommand> commandType() {
    return ExportTableSnapshotCommand.class;
  }

  @Override
  public SpecificRecord handle(ExportTableSnapshotCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      var exported = snapshots.export(command.getTableName(), command.getRegion(), command.getDestination(),
          command.getSegments(), Replies.progressOf(context));
      return TableSnapshotExported.newBuilder().setLocation(exported.uri())
          .setTableName(command.getTableName()).setItemCount(exported.manifest().itemCount())
          .setSegments(exported.manifest().segments()).setTakenAt(exported.manifest().takenAt())
          .setDurationMillis(exported.duration().toMillis()).build();
    });
  }
}
