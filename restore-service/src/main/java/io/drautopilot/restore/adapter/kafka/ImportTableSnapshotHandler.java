package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.ImportTableSnapshotCommand;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.LogicalSnapshots;

/**
 * ImportTableSnapshotCommand -> {@link LogicalSnapshots#importInto}. A redelivered command resumes
 * from the import's checkpoints rather than starting over.
 *
 * <p>{@code itemCount} is what the table holds once the import is done, counted, never the snapshot's
 * count taken on trust; what this run itself wrote is in the last progress report (the contract has
 * no field for it).
 */
public class ImportTableSnapshotHandler implements CommandHandler<ImportTableSnapshotCommand> {

  private final LogicalSnapshots snapshots;

  public ImportTableSnapshotHandler(LogicalSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Class<ImportTableSnapshotCommand> commandType() {
    return ImportTableSnapshotCommand.class;
  }

  @Override
  public TableSnapshotImported handle(ImportTableSnapshotCommand command, CommandContext context) {
    return OutcomeRecords.tableSnapshotImported(
        snapshots.importInto(
            command.getSnapshotLocation(),
            command.getTargetTableName(),
            command.getRegion(),
            command.getParallelism(),
            context.progress().listener()));
  }
}
