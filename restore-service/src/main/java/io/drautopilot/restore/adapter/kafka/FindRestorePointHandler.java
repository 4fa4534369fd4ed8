package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.FindRestorePointCommand;
import io.drautopilot.contracts.restore.RestorePointFound;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.RestorePointFinder;
import io.drautopilot.restore.domain.RestorePoint;

/**
 * FindRestorePointCommand -> {@link RestorePointFinder#choose}. Why the point was chosen (every source
 * looked at and what it offered) is the result's {@code reason}, and the last progress report.
 */
public class FindRestorePointHandler implements CommandHandler<FindRestorePointCommand> {

  private final RestorePointFinder finder;

  public FindRestorePointHandler(RestorePointFinder finder) {
    this.finder = finder;
  }

  @Override
  public Class<FindRestorePointCommand> commandType() {
    return FindRestorePointCommand.class;
  }

  @Override
  public RestorePointFound handle(FindRestorePointCommand command, CommandContext context) {
    RestorePointFinder.Choice choice =
        finder.choose(
            new RestorePointFinder.Query(
                command.getTableName(),
                command.getRegion(),
                command.getNotAfter(),
                command.getBackupVaultName(),
                command.getVaultRegion(),
                command.getSnapshotLocation(),
                command.getKind() == null
                    ? null
                    : RestorePoint.Kind.valueOf(command.getKind().name())));
    context.progress().listener().progress(1, 1L, null, choice.reason());
    RestorePoint point = choice.point();
    return RestorePointFound.newBuilder()
        .setKind(RestorePointKind.valueOf(point.kind().name()))
        .setRestorePointTime(point.pointInTime())
        .setRecoveryPointArn(point.recoveryPointArn())
        .setSnapshotLocation(point.snapshotLocation())
        .setEarliestRestorableTime(point.earliestRestorable())
        .setLatestRestorableTime(point.latestRestorable())
        .setReason(choice.reason())
        .build();
  }
}
