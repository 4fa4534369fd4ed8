package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.CutOverTableCommand;
import io.drautopilot.contracts.restore.FunctionConfigurationUpdated;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.LambdaEnvironmentUpdater;
import io.drautopilot.restore.domain.ValidationVerdicts;
import java.time.Duration;
import java.util.Map;

/**
 * CutOverTableCommand (runbook scenario 2 step 5, scenario 1 step 5): refused unless the table's
 * latest validation passed, then {@link LambdaEnvironmentUpdater} points the function at it.
 */
public class CutOverTableHandler implements CommandHandler<CutOverTableCommand> {

  private final ValidationVerdicts verdicts;
  private final LambdaEnvironmentUpdater lambda;
  private final Duration validationWait;

  public CutOverTableHandler(
      ValidationVerdicts verdicts, LambdaEnvironmentUpdater lambda, Duration validationWait) {
    this.verdicts = verdicts;
    this.lambda = lambda;
    this.validationWait = validationWait;
  }

  @Override
  public Class<CutOverTableCommand> commandType() {
    return CutOverTableCommand.class;
  }

  @Override
  public FunctionConfigurationUpdated handle(CutOverTableCommand command, CommandContext context) {
    verdicts.requirePassed(command.getTableName(), command.getValidationEventId(), validationWait);
    return updated(
        lambda.setVariables(
            command.getFunctionName(),
            command.getRegion(),
            Map.of(command.getVariableName(), command.getTableName())));
  }

  static FunctionConfigurationUpdated updated(LambdaEnvironmentUpdater.Updated u) {
    return FunctionConfigurationUpdated.newBuilder()
        .setFunctionName(u.functionName())
        .setChangedVariables(u.changedVariables())
        .setPreviousValues(u.previousValues())
        .setRevisionId(u.revisionId())
        .build();
  }
}
