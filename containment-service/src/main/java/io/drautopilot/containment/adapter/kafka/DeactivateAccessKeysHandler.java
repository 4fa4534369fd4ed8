package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.AccessKeyDeactivation;
import io.drautopilot.containment.domain.ProtectList;
import io.drautopilot.contracts.containment.AccessKeysDeactivated;
import io.drautopilot.contracts.containment.DeactivateAccessKeysCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;

/**
 * DeactivateAccessKeysCommand: refuse a protected user, else {@link AccessKeyDeactivation#deactivate};
 * with {@code allUsers}, every user's keys but the protected users' ({@link AccessKeyDeactivation#deactivateAllUsers}).
 */
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
    if (command.getAllUsers()) {
      return iam.deactivateAllUsers(
          command.getUserName(), user -> protectList.isProtected(ProtectList.Kind.USER, user));
    }
    protectList.requireNotProtected(ProtectList.Kind.USER, command.getUserName());
    return iam.deactivate(command.getUserName());
  }
}
