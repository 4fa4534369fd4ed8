package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.KeyDeletionScheduler;
import io.drautopilot.containment.domain.KeyDeletionPolicy;
import io.drautopilot.contracts.containment.ScheduleKeyDeletionCommand;
import java.util.List;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import org.apache.avro.specific.SpecificRecord;

/** ScheduleKeyDeletionCommand: {@link KeyDeletionPolicy} (two approvers, pending window), then {@link KeyDeletionScheduler}. */
public class ScheduleKeyDeletionHandler implements CommandHandler<ScheduleKeyDeletionCommand> {

  private final KeyDeletionScheduler kms;
  private final KeyDeletionPolicy policy;
  private final Replies replies;

  public ScheduleKeyDeletionHandler(KeyDeletionScheduler kms, KeyDeletionPolicy policy, Replies replies) {
    this.kms = kms;
    this.policy = policy;
    this.replies = replies;
  }

  @Override
  public Class<ScheduleKeyDeletionCommand> commandType() {
    return ScheduleKeyDeletionCommand.class;
  }

  @Override
  public SpecificRecord handle(ScheduleKeyDeletionCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      List<String> approvers = policy.check(command.getApprovedBy(), command.getPendingWindowInDays());
      return kms.schedule(command.getKeyId(), command.getPendingWindowInDays(), approvers, command.getRegion());
    });
  }
}
