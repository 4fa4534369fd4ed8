package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.KeyDeletionScheduler;
import io.drautopilot.containment.domain.KeyDeletionPolicy;
import io.drautopilot.contracts.containment.KeyDeletionScheduled;
import io.drautopilot.contracts.containment.ScheduleKeyDeletionCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import java.util.List;

/** ScheduleKeyDeletionCommand: {@link KeyDeletionPolicy} (two approvers, pending window), then {@link KeyDeletionScheduler}. */
public class ScheduleKeyDeletionHandler implements CommandHandler<ScheduleKeyDeletionCommand> {

  private final KeyDeletionScheduler kms;
  private final KeyDeletionPolicy policy;

  public ScheduleKeyDeletionHandler(KeyDeletionScheduler kms, KeyDeletionPolicy policy) {
    this.kms = kms;
    this.policy = policy;
  }

  @Override
  public Class<ScheduleKeyDeletionCommand> commandType() {
    return ScheduleKeyDeletionCommand.class;
  }

  @Override
  public KeyDeletionScheduled handle(ScheduleKeyDeletionCommand command, CommandContext context) {
    List<String> approvers =
        policy.check(command.getApprovedBy(), command.getPendingWindowInDays());
    return kms.schedule(
        command.getKeyId(), command.getPendingWindowInDays(), approvers, command.getRegion());
  }
}
