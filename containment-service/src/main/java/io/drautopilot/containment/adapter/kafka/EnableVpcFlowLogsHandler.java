package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.FlowLogsEnabler;
import io.drautopilot.contracts.containment.EnableVpcFlowLogsCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import org.apache.avro.specific.SpecificRecord;

/** EnableVpcFlowLogsCommand: {@link FlowLogsEnabler#enable}, with a client token per command. */
public class EnableVpcFlowLogsHandler implements CommandHandler<EnableVpcFlowLogsCommand> {

  private final FlowLogsEnabler ec2;
  private final Replies replies;

  public EnableVpcFlowLogsHandler(FlowLogsEnabler ec2, Replies replies) {
    this.ec2 = ec2;
    this.replies = replies;
  }

  @Override
  public Class<EnableVpcFlowLogsCommand> commandType() {
    return EnableVpcFlowLogsCommand.class;
  }

  @Override
  public SpecificRecord handle(EnableVpcFlowLogsCommand command, CommandContext context) {
    return replies.reply(command, context, () -> ec2.enable(command.getVpcId(), command.getLogGroupName(),
        command.getDeliverLogsPermissionArn(), command.getTrafficType(), command.getRegion(),
        Replies.clientToken(context.metadata())));
  }
}
