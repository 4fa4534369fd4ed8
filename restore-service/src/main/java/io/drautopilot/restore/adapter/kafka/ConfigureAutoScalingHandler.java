package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.AutoScalingConfigured;
import io.drautopilot.contracts.restore.ConfigureAutoScalingCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.AutoScalingConfigurer;
import org.apache.avro.specific.SpecificRecord;

/** ConfigureAutoScalingCommand -> {@link AutoScalingConfigurer#configure}. */
public class ConfigureAutoScalingHandler implements CommandHandler<ConfigureAutoScalingCommand> {

  private final AutoScalingConfigurer autoScaling;
  private final Replies replies;

  public ConfigureAutoScalingHandler(AutoScalingConfigurer autoScaling, Replies replies) {
    this.autoScaling = autoScaling;
    this.replies = replies;
  }

  @Override
  public Class<ConfigureAutoScalingCommand> commandType() {
    return ConfigureAutoScalingCommand.class;
  }

  @Override
  public SpecificRecord handle(ConfigureAutoScalingCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      var c = autoScaling.configure(command.getTableName(), command.getRegion(), command.getMinCapacity(),
          command.getMaxCapacity(), command.getTargetUtilizationPercent(), command.getDimensions());
      return AutoScalingConfigured.newBuilder().setResourceId(c.resourceId()).setDimensions(c.dimensions())
          .setPolicyNames(c.policyNames()).build();
    });
  }
}
