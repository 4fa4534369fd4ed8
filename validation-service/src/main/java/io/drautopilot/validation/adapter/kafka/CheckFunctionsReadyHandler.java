package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.CheckFunctionsReadyCommand;
import io.drautopilot.contracts.validation.FunctionsReady;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.adapter.aws.LambdaFunctionReadiness;
import io.drautopilot.validation.adapter.aws.LambdaFunctionReadiness.ReadyFunction;
import java.util.List;
import org.springframework.stereotype.Component;

/** CheckFunctionsReadyCommand: a function not ready is a non-retryable failure naming it (the step escalates). */
@Component
public class CheckFunctionsReadyHandler implements CommandHandler<CheckFunctionsReadyCommand> {

  private final LambdaFunctionReadiness readiness;

  public CheckFunctionsReadyHandler(LambdaFunctionReadiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public Class<CheckFunctionsReadyCommand> commandType() {
    return CheckFunctionsReadyCommand.class;
  }

  @Override
  public FunctionsReady handle(CheckFunctionsReadyCommand c, CommandContext context) {
    List<ReadyFunction> ready = readiness.check(c.getRegion(), c.getFunctionNames());
    return FunctionsReady.newBuilder()
        .setRegion(c.getRegion())
        .setFunctionNames(ready.stream().map(ReadyFunction::functionName).toList())
        .setFunctionArns(ready.stream().map(ReadyFunction::functionArn).toList())
        .setCodeSha256s(
            ready.stream().map(r -> r.codeSha256() == null ? "" : r.codeSha256()).toList())
        .build();
  }
}
