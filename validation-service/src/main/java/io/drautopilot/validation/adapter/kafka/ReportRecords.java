package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.BackupRestoreVerified;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.TablesCompared;
import io.drautopilot.validation.domain.BackupVerificationReport;
import io.drautopilot.validation.domain.ComparisonReport;
import io.drautopilot.validation.domain.ValidationReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** The domain's reports as the contract's outcome records. */
final class ReportRecords {

  private ReportRecords() {}

  static TableValidated tableValidated(ValidationReport r) {
    return TableValidated.newBuilder()
        .setTableName(r.tableName())
        .setPassed(r.passed())
        .setKeySchemaMatches(r.keySchemaMatches())
        .setScannedItems(r.scannedItems())
        .setValidItems(r.validItems())
        .setInvalidItems(r.invalidItems())
        .setInvalidKeys(r.invalidKeys())
        .setViolations(new LinkedHashMap<String, Long>(r.violations()))
        .setDurationMillis(r.durationMillis())
        .build();
  }

  static TablesCompared tablesCompared(ComparisonReport r) {
    return TablesCompared.newBuilder()
        .setMatches(r.matches())
        .setSourceItemCount(r.sourceItemCount())
        .setTargetItemCount(r.targetItemCount())
        .setSourceDigest(r.sourceDigest())
        .setTargetDigest(r.targetDigest())
        .setDifferingSegments(r.differingBuckets())
        .setMissingInTargetKeys(r.missingInTargetKeys())
        .setExtraInTargetKeys(r.extraInTargetKeys())
        .setChangedKeys(r.changedKeys())
        .setDurationMillis(r.durationMillis())
        .setMissingInTargetCount(r.missingInTargetCount())
        .setExtraInTargetCount(r.extraInTargetCount())
        .setChangedCount(r.changedCount())
        .setKeyListsComplete(r.keyListsComplete())
        .build();
  }

  static BackupRestoreVerified backupRestoreVerified(BackupVerificationReport r) {
    return BackupRestoreVerified.newBuilder()
        .setPassed(r.passed())
        .setValidation(tableValidated(r.validation()))
        .setComparison(tablesCompared(r.comparison()))
        .setRestoreDurationMillis(r.restoreDurationMillis())
        .build();
  }

  static Map<String, String> copy(Map<String, String> m) {
    return new LinkedHashMap<>(m);
  }
}
