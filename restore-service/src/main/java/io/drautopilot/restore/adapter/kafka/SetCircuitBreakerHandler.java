package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.LambdaEnvironmentUpdater;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** SetCircuitBreakerCommand (runbook scenario 2, "isolate affected table") -> {@link LambdaEnvironmentUpdater}. */
public class SetCircuitBreakerHandler implements CommandHandler<SetCircuitBreakerCommand> {

  private final LambdaEnvironmentUpdater lambda;
  private final Replies replies;

  public SetCircuitBreakerHandler(LambdaEnvironmentUpdater lambda, Replies replies) {
    this.lambda = lambda;
    this.replies = replies;
  }

  @Override
  public Class<SetCircuitBreakerCommand> commandType() {
    return SetCircuitBreakerCommand.class;
  }

  @Override
  public SpecificRecord handle(SetCircuitBreakerCommand command, CommandContext context) {
    return replies.reply(command, context, () -> CutOverTableHandler.updated(lambda.setVariables(
        command.getFunctionName(), command.getRegion(), Map.of(command.getVariableName(), command.getState().name()))));
  }
}
