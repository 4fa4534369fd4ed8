package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.RestoreFromBackupCommand;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.BackupRestorer;
import java.util.List;

/** RestoreFromBackupCommand -> {@link BackupRestorer#restore}, the idempotency key as the job's token. */
public class RestoreFromBackupHandler implements CommandHandler<RestoreFromBackupCommand> {

  private final BackupRestorer restorer;

  public RestoreFromBackupHandler(BackupRestorer restorer) {
    this.restorer = restorer;
  }

  @Override
  public Class<RestoreFromBackupCommand> commandType() {
    return RestoreFromBackupCommand.class;
  }

  @Override
  public TableRestored handle(RestoreFromBackupCommand command, CommandContext context) {
    String token =
        context.metadata().getIdempotencyKey() != null
            ? context.metadata().getIdempotencyKey()
            : context.metadata().getEventId();
    var r =
        restorer.restore(
            command.getRecoveryPointArn(),
            command.getTargetTableName(),
            command.getRegion(),
            command.getIamRoleArn(),
            token,
            context.redelivered(),
            context.progress().listener());
    return TableRestored.newBuilder()
        .setTableName(r.tableName())
        .setTableArn(r.createdResourceArn())
        .setRestoreJobId(r.restoreJobId())
        .setDurationMillis(r.duration().toMillis())
        .setReappliedSettings(List.of())
        .build();
  }
}
