package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.FlowLogsEnabler;
import io.drautopilot.contracts.containment.EnableVpcFlowLogsCommand;
import io.drautopilot.contracts.containment.VpcFlowLogsEnabled;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;

/** EnableVpcFlowLogsCommand: {@link FlowLogsEnabler#enable}, with a client token per command. */
public class EnableVpcFlowLogsHandler implements CommandHandler<EnableVpcFlowLogsCommand> {

  private final FlowLogsEnabler ec2;

  public EnableVpcFlowLogsHandler(FlowLogsEnabler ec2) {
    this.ec2 = ec2;
  }

  @Override
  public Class<EnableVpcFlowLogsCommand> commandType() {
    return EnableVpcFlowLogsCommand.class;
  }

  @Override
  public VpcFlowLogsEnabled handle(EnableVpcFlowLogsCommand command, CommandContext context) {
    return ec2.enable(
        command.getVpcId(),
        command.getLogGroupName(),
        command.getDeliverLogsPermissionArn(),
        command.getTrafficType(),
        command.getRegion(),
        ClientTokens.of(context.metadata()));
  }
}
