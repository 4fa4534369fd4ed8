package io.drautopilot.validation.domain;

import io.drautopilot.integrity.RuleSet;
import io.drautopilot.messaging.command.ProgressListener;
import java.util.List;

/**
 * The runbook's monthly backup verification, the part that proves something: the scratch table the
 * runbook restored is validated in full and compared with its source. The runbook drives the restore
 * and the clean-up; this only reads.
 */
public class BackupVerifier {

  private final TableValidator validator;
  private final TableComparator comparator;
  private final boolean requireExactMatch;

  /**
   * @param requireExactMatch false when the source keeps taking writes after the backup, so only the
   *     validation decides
   */
  public BackupVerifier(
      TableValidator validator, TableComparator comparator, boolean requireExactMatch) {
    this.validator = validator;
    this.comparator = comparator;
    this.requireExactMatch = requireExactMatch;
  }

  public BackupVerificationReport verify(
      ItemSource scratch,
      ItemSource source,
      List<KeyElement> expectedKeySchema,
      int segments,
      RuleSet rules,
      int maxKeys,
      long restoreDurationMillis,
      ProgressListener progress) {
    ValidationReport validation =
        validator.validate(scratch, expectedKeySchema, null, segments, rules, maxKeys, progress);
    ComparisonReport comparison = comparator.compare(source, scratch, segments, maxKeys, progress);
    boolean passed = validation.passed() && (comparison.matches() || !requireExactMatch);
    return new BackupVerificationReport(passed, validation, comparison, restoreDurationMillis);
  }
}
