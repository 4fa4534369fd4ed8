package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.AccessKeyDeactivation;
import io.drautopilot.containment.domain.ProtectList;
import io.drautopilot.contracts.containment.DeactivateAccessKeysCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import org.apache.avro.specific.SpecificRecord;

/** DeactivateAccessKeysCommand: refuse protected users, else {@link AccessKeyDeactivation#deactivate}. */
public class DeactivateAccessKeysHandler implements CommandHandler<DeactivateAccessKeysCommand> {

  private final AccessKeyDeactivation iam;
  private final ProtectList protectList;
  private final Replies replies;

  public DeactivateAccessKeysHandler(AccessKeyDeactivation iam, ProtectList protectList, Replies replies) {
    this.iam = iam;
    this.protectList = protectList;
    this.replies = replies;
  }

  @Override
  public Class<DeactivateAccessKeysCommand> commandType() {
    return DeactivateAccessKeysCommand.class;
  }

  @Override
  public SpecificRecord handle(DeactivateAccessKeysCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      protectList.requireNotProtected(ProtectList.Kind.USER, command.getUserName());
      return iam.deactivate(command.getUserName());
    });
  }
}
