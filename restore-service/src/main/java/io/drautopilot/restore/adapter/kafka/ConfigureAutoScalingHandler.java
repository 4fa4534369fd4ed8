package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.AutoScalingConfigured;
import io.drautopilot.contracts.restore.ConfigureAutoScalingCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.AutoScalingConfigurer;

/** ConfigureAutoScalingCommand -> {@link AutoScalingConfigurer#configure}. */
public class ConfigureAutoScalingHandler implements CommandHandler<ConfigureAutoScalingCommand> {

  private final AutoScalingConfigurer autoScaling;

  public ConfigureAutoScalingHandler(AutoScalingConfigurer autoScaling) {
    this.autoScaling = autoScaling;
  }

  @Override
  public Class<ConfigureAutoScalingCommand> commandType() {
    return ConfigureAutoScalingCommand.class;
  }

  @Override
  public AutoScalingConfigured handle(ConfigureAutoScalingCommand command, CommandContext context) {
    var c =
        autoScaling.configure(
            command.getTableName(),
            command.getRegion(),
            command.getMinCapacity(),
            command.getMaxCapacity(),
            command.getTargetUtilizationPercent(),
            command.getDimensions());
    return AutoScalingConfigured.newBuilder()
        .setResourceId(c.resourceId())
        .setDimensions(c.dimensions())
        .setPolicyNames(c.policyNames())
        .build();
  }
}
