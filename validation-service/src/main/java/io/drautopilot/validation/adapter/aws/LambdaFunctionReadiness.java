package io.drautopilot.validation.adapter.aws;

import io.drautopilot.aws.ActionRefused;
import io.drautopilot.aws.RegionalClients;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Whether the functions a fail-over will point at can serve in the disaster recovery region: Lambda
 * {@code GetFunction} for each, ready when it exists, its {@code State} is Active and its
 * {@code LastUpdateStatus} Successful. A function that is missing, still Pending, Inactive or whose
 * last deployment Failed would turn the fail-over into a second outage, so every function is looked
 * at and the refusal names each one that is not ready with what was found; it is not retryable, so
 * the step's {@code onFailure: escalate} pages people instead of failing over.
 */
public class LambdaFunctionReadiness {

  /** A function found ready: which deployment (ARN and code hash). */
  public record ReadyFunction(String functionName, String functionArn, String codeSha256) {}

  /** One or more functions not ready in the region; the message names each with its state. */
  public static class FunctionNotReady extends ActionRefused {
    public FunctionNotReady(String message) {
      super("FunctionNotReady", message, false);
    }
  }

  private final RegionalClients<LambdaClient> lambda;

  public LambdaFunctionReadiness(RegionalClients<LambdaClient> lambda) {
    this.lambda = lambda;
  }

  /** @param region the disaster recovery region; null or blank for the service's own */
  public List<ReadyFunction> check(String region, List<String> functionNames) {
    if (functionNames.isEmpty()) {
      // nothing checked must not read as "ready": the runbook named no function to cut over
      throw new ActionRefused(
          "NoFunctionsToCheck", "no function named to check in " + region, false);
    }
    LambdaClient client = lambda.forRegion(region);
    List<ReadyFunction> ready = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    for (String name : new LinkedHashSet<>(functionNames)) {
      FunctionConfiguration c;
      try {
        c = client.getFunction(b -> b.functionName(name)).configuration();
      } catch (ResourceNotFoundException e) {
        notReady.add(name + " (not found)");
        continue;
      }
      if (c.state() == State.ACTIVE && c.lastUpdateStatus() == LastUpdateStatus.SUCCESSFUL) {
        ready.add(new ReadyFunction(name, c.functionArn(), c.codeSha256()));
      } else {
        notReady.add(
            name
                + " (State "
                + c.stateAsString()
                + reason(c.stateReason())
                + ", LastUpdateStatus "
                + c.lastUpdateStatusAsString()
                + reason(c.lastUpdateStatusReason())
                + ")");
      }
    }
    if (!notReady.isEmpty()) {
      throw new FunctionNotReady("not ready in " + region + ": " + String.join(", ", notReady));
    }
    return ready;
  }

  private static String reason(String reason) {
    return reason == null || reason.isBlank() ? "" : ": " + reason;
  }
}
