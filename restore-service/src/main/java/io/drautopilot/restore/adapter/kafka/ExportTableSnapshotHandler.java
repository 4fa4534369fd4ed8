package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.LogicalSnapshots;

/** ExportTableSnapshotCommand -> {@link LogicalSnapshots#export}. */
public class ExportTableSnapshotHandler implements CommandHandler<ExportTableSnapshotCommand> {

  private final LogicalSnapshots snapshots;

  public ExportTableSnapshotHandler(LogicalSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Class<ExportTableSnapshotCommand> commandType() {
    return ExportTableSnapshotCommand.class;
  }

  @Override
  public TableSnapshotExported handle(ExportTableSnapshotCommand command, CommandContext context) {
    return OutcomeRecords.tableSnapshotExported(
        command.getTableName(),
        snapshots.export(
            command.getTableName(),
            command.getRegion(),
            command.getDestination(),
            command.getSegments(),
            context.progress().listener()));
  }
}
