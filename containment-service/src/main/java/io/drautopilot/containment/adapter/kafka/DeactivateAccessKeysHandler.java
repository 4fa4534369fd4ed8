package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.AccessKeyDeactivation;
import io.drautopilot.containment.domain.ProtectList;
import io.drautopilot.contracts.containment.AccessKeysDeactivated;
import io.drautopilot.contracts.containment.DeactivateAccessKeysCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;

/** DeactivateAccessKeysCommand: refuse protected users, else {@link AccessKeyDeactivation#deactivate}. */
public class DeactivateAccessKeysHandler implements CommandHandler<DeactivateAccessKeysCommand> {

  private final AccessKeyDeactivation iam;
  private final ProtectList protectList;

  public DeactivateAccessKeysHandler(AccessKeyDeactivation iam, ProtectList protectList) {
    this.iam = iam;
    this.protectList = protectList;
  }

  @Override
  public Class<DeactivateAccessKeysCommand> commandType() {
    return DeactivateAccessKeysCommand.class;
  }

  @Override
  public AccessKeysDeactivated handle(DeactivateAccessKeysCommand command, CommandContext context) {
    protectList.requireNotProtected(ProtectList.Kind.USER, command.getUserName());
    return iam.deactivate(command.getUserName());
  }
}
