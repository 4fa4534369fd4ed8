package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.Polling;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.restore.domain.EnvironmentMerge;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/**
 * The runbook's {@code aws lambda update-function-configuration --environment ...}, done safely
 * (SetCircuitBreaker, CutOverTable): GetFunctionConfiguration, merge the change into the existing
 * variables (the API replaces the whole environment, and the runbook's command as written would drop
 * every other variable), UpdateFunctionConfiguration guarded by the RevisionId read, then wait until
 * LastUpdateStatus is Successful. Nothing is sent when the variables already have the wanted values,
 * so a redelivered command does not make a second change.
 */
public class LambdaEnvironmentUpdater {

  /** What changed: only the variables this call set, with their earlier values. */
  public record Updated(
      String functionName,
      Map<String, String> changedVariables,
      Map<String, String> previousValues,
      String revisionId,
      boolean updateSent) {}

  private static final int CONCURRENT_CHANGE_ATTEMPTS = 3;

  private final RegionalClients<LambdaClient> lambda;
  private final Duration pollInterval;
  private final Duration timeout;

  public LambdaEnvironmentUpdater(
      RegionalClients<LambdaClient> lambda, Duration pollInterval, Duration timeout) {
    this.lambda = lambda;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  public Updated setVariables(String functionName, String region, Map<String, String> changes) {
    LambdaClient client = lambda.forRegion(region);
    for (int attempt = 1; ; attempt++) {
      // an update still in progress would make ours fail with ResourceConflictException
      GetFunctionConfigurationResponse current = awaitUpdateFinished(client, functionName, false);
      Map<String, String> variables =
          current.environment() == null ? Map.of() : current.environment().variables();
      EnvironmentMerge merge = EnvironmentMerge.of(variables, changes);
      if (!merge.changed()) {
        return new Updated(
            functionName, changes, merge.previousValues(), current.revisionId(), false);
      }
      try {
        UpdateFunctionConfigurationResponse updated =
            client.updateFunctionConfiguration(
                b ->
                    b.functionName(functionName)
                        .revisionId(current.revisionId())
                        .environment(e -> e.variables(merge.merged())));
        GetFunctionConfigurationResponse done = awaitUpdateFinished(client, functionName, true);
        return new Updated(
            functionName,
            changes,
            merge.previousValues(),
            done.revisionId() != null ? done.revisionId() : updated.revisionId(),
            true);
      } catch (PreconditionFailedException e) {
        // someone changed the function between our read and our write: merge again into what is
        // there now
        if (attempt >= CONCURRENT_CHANGE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** @param ours true after our own update: then a Failed status is our failure */
  private GetFunctionConfigurationResponse awaitUpdateFinished(
      LambdaClient client, String functionName, boolean ours) {
    AtomicReference<String> status = new AtomicReference<>();
    try {
      return Polling.SYSTEM.until(
          "the update of " + functionName + " finished",
          timeout,
          pollInterval,
          () -> {
            GetFunctionConfigurationResponse c =
                client.getFunctionConfiguration(b -> b.functionName(functionName));
            status.set(c.lastUpdateStatusAsString());
            if (c.lastUpdateStatus() == null
                || c.lastUpdateStatus() == LastUpdateStatus.SUCCESSFUL) {
              return Optional.of(c);
            }
            if (c.lastUpdateStatus() == LastUpdateStatus.FAILED) {
              if (!ours) {
                return Optional.of(c);
              }
              throw new RestoreRefusedException(
                  "FunctionUpdateFailed",
                  "the last update of "
                      + functionName
                      + " failed: "
                      + c.lastUpdateStatusReasonCodeAsString()
                      + " "
                      + c.lastUpdateStatusReason());
            }
            return Optional.empty();
          });
    } catch (Polling.TimedOut e) {
      throw new RestoreRefusedException(
          "FunctionUpdateTimedOut",
          functionName + " still " + status.get() + " after " + timeout,
          true);
    }
  }
}
