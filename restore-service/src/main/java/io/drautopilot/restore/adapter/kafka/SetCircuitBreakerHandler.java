package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.FunctionConfigurationUpdated;
import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.LambdaEnvironmentUpdater;
import java.util.Map;

/** SetCircuitBreakerCommand (runbook scenario 2, "isolate affected table") -> {@link LambdaEnvironmentUpdater}. */
public class SetCircuitBreakerHandler implements CommandHandler<SetCircuitBreakerCommand> {

  private final LambdaEnvironmentUpdater lambda;

  public SetCircuitBreakerHandler(LambdaEnvironmentUpdater lambda) {
    this.lambda = lambda;
  }

  @Override
  public Class<SetCircuitBreakerCommand> commandType() {
    return SetCircuitBreakerCommand.class;
  }

  @Override
  public FunctionConfigurationUpdated handle(
      SetCircuitBreakerCommand command, CommandContext context) {
    return CutOverTableHandler.updated(
        lambda.setVariables(
            command.getFunctionName(),
            command.getRegion(),
            Map.of(command.getVariableName(), command.getState().name())));
  }
}
