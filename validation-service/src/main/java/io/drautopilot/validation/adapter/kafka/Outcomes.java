package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.validation.BackupRestoreVerified;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.TablesCompared;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandResults;
import io.drautopilot.validation.adapter.snapshot.SnapshotNotUsableException;
import io.drautopilot.validation.domain.BackupVerificationReport;
import io.drautopilot.validation.domain.ComparisonReport;
import io.drautopilot.validation.domain.ProgressListener;
import io.drautopilot.validation.domain.ValidationReport;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every validation handler shares: result metadata, typed failures for the errors that have a
 * meaning (AWS errors, unusable snapshots, bad commands), progress, and the domain reports as contract
 * records. Everything else becomes a failure through the dispatcher.
 */
public class Outcomes {

  private final EventMetadataFactory metadata;
  private final Clock clock;

  public Outcomes(EventMetadataFactory metadata, Clock clock) {
    this.metadata = metadata;
    this.clock = clock;
  }

  /** Thrown by handlers for a command that cannot be carried out as written. */
  public static class InvalidCommandException extends RuntimeException {
    public InvalidCommandException(String message) {
      super(message);
    }
  }

  /** One domain call whose exceptions of known meaning become typed failure results. */
  @FunctionalInterface
  public interface Action {
    SpecificRecord run() throws Exception;
  }

  public SpecificRecord success(SpecificRecord command, CommandContext context, SpecificRecord outcome) {
    return CommandResults.success(command, metadata.causedBy(context.metadata()), outcome);
  }

  public SpecificRecord attempt(SpecificRecord command, CommandContext context, Action action) throws Exception {
    try {
      return action.run();
    } catch (SdkException e) {
      return failure(command, context, AwsFailures.of(e));
    } catch (SnapshotNotUsableException e) {
      return failure(command, context, CommandResults.failureOf("SnapshotNotUsable", e.getMessage(), false, null));
    } catch (InvalidCommandException e) {
      return failure(command, context, CommandResults.failureOf("InvalidCommand", e.getMessage(), false, null));
    }
  }

  public SpecificRecord failure(SpecificRecord command, CommandContext context, CommandFailure failure) {
    return CommandResults.failure(command, metadata.causedBy(context.metadata()), failure);
  }

  /** Progress events for the command, throttled by the reporter; items per second since the start. */
  public ProgressListener progress(CommandContext context) {
    long started = clock.millis();
    return (done, total, message) -> {
      double seconds = Math.max(0.001, (clock.millis() - started) / 1000.0);
      Double percent = total == null || total <= 0 ? null : Math.min(100.0, 100.0 * done / total);
      context.progress().report(percent, done, total, done / seconds, message, false);
    };
  }

  public static TableValidated tableValidated(ValidationReport r) {
    return TableValidated.newBuilder().setTableName(r.tableName()).setPassed(r.passed())
        .setKeySchemaMatches(r.keySchemaMatches()).setScannedItems(r.scannedItems()).setValidItems(r.validItems())
        .setInvalidItems(r.invalidItems()).setInvalidKeys(r.invalidKeys())
        .setViolations(new LinkedHashMap<String, Long>(r.violations())).setDurationMillis(r.durationMillis()).build();
  }

  public static TablesCompared tablesCompared(ComparisonReport r) {
    return TablesCompared.newBuilder().setMatches(r.matches()).setSourceItemCount(r.sourceItemCount())
        .setTargetItemCount(r.targetItemCount()).setSourceDigest(r.sourceDigest()).setTargetDigest(r.targetDigest())
        .setDifferingSegments(r.differingBuckets()).setMissingInTargetKeys(r.missingInTargetKeys())
        .setExtraInTargetKeys(r.extraInTargetKeys()).setChangedKeys(r.changedKeys())
        .setDurationMillis(r.durationMillis()).setMissingInTargetCount(r.missingInTargetCount())
        .setExtraInTargetCount(r.extraInTargetCount()).setChangedCount(r.changedCount())
        .setKeyListsComplete(r.keyListsComplete()).build();
  }

  public static BackupRestoreVerified backupRestoreVerified(BackupVerificationReport r) {
    return BackupRestoreVerified.newBuilder().setPassed(r.passed()).setValidation(tableValidated(r.validation()))
        .setComparison(tablesCompared(r.comparison())).setRestoreDurationMillis(r.restoreDurationMillis()).build();
  }

  static Map<String, String> copy(Map<String, String> m) {
    return new LinkedHashMap<>(m);
  }
}
