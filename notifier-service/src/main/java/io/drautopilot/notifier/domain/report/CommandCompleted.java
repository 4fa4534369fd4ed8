package io.drautopilot.notifier.domain.report;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import java.util.Map;

/**
 * A handler's result as the report reads it: every result schema has outcomes of its own, so the
 * report reads the outcome flattened, with the result's metadata as written.
 *
 * @param type the result's schema name, e.g. {@code RestoreTableToPointInTimeResult}
 * @param outcomeType the success record (e.g. {@code TableRestored}) or {@code CommandFailure}
 * @param fields the outcome's fields flattened ({@code validation.valid})
 * @param recoveryPath a {@link RecoveryPathChosen} outcome as it is (null for any other outcome): its
 *     weighed paths are a list of records, which the flattened fields cannot show
 */
public record CommandCompleted(
    EventMetadata metadata,
    String type,
    boolean success,
    String outcomeType,
    Map<String, String> fields,
    RecoveryPathChosen recoveryPath) {

  /** A result that is not a recovery path choice. */
  public CommandCompleted(
      EventMetadata metadata,
      String type,
      boolean success,
      String outcomeType,
      Map<String, String> fields) {
    this(metadata, type, success, outcomeType, fields, null);
  }
}
