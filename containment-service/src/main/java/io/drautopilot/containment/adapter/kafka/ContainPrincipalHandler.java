package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.PrincipalContainment;
import io.drautopilot.containment.domain.ProtectList;
import io.drautopilot.contracts.containment.ContainPrincipalCommand;
import io.drautopilot.contracts.containment.PrincipalContained;
import io.drautopilot.contracts.containment.PrincipalType;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;

/** ContainPrincipalCommand: refuse protected principals, else {@link PrincipalContainment#contain}. */
public class ContainPrincipalHandler implements CommandHandler<ContainPrincipalCommand> {

  private final PrincipalContainment iam;
  private final ProtectList protectList;

  public ContainPrincipalHandler(PrincipalContainment iam, ProtectList protectList) {
    this.iam = iam;
    this.protectList = protectList;
  }

  @Override
  public Class<ContainPrincipalCommand> commandType() {
    return ContainPrincipalCommand.class;
  }

  @Override
  public PrincipalContained handle(ContainPrincipalCommand command, CommandContext context) {
    protectList.requireNotProtected(kindOf(command.getPrincipalType()), command.getPrincipalName());
    return iam.contain(
        command.getPrincipalType(), command.getPrincipalName(), command.getPolicyArn());
  }

  static ProtectList.Kind kindOf(PrincipalType type) {
    return type == PrincipalType.USER ? ProtectList.Kind.USER : ProtectList.Kind.ROLE;
  }
}
