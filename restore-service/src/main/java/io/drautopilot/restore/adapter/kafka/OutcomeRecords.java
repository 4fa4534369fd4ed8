package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import io.drautopilot.restore.adapter.aws.PointInTimeRestorer;
import io.drautopilot.restore.adapter.aws.TableSnapshotExporter;
import io.drautopilot.restore.adapter.aws.TableSnapshotImporter;

/** What the long-running restore calls return, as the contract's outcome records. */
final class OutcomeRecords {

  private OutcomeRecords() {}

  static TableRestored tableRestored(PointInTimeRestorer.Restored r) {
    return TableRestored.newBuilder()
        .setTableName(r.tableName())
        .setTableArn(r.tableArn())
        .setItemCount(r.itemCount())
        .setRestoredToTime(r.restoredTo())
        .setDurationMillis(r.duration().toMillis())
        .setReappliedSettings(r.reappliedSettings())
        .build();
  }

  /**
   * @param tableName the table as the command named it
   */
  static TableSnapshotExported tableSnapshotExported(
      String tableName, TableSnapshotExporter.Exported exported) {
    return TableSnapshotExported.newBuilder()
        .setLocation(exported.uri())
        .setTableName(tableName)
        .setItemCount(exported.manifest().itemCount())
        .setSegments(exported.manifest().segments())
        .setTakenAt(exported.manifest().takenAt())
        .setDurationMillis(exported.duration().toMillis())
        .build();
  }

  /**
   * {@code itemCount} is what the table holds once the import is done, counted, never the snapshot's
   * count taken on trust.
   */
  static TableSnapshotImported tableSnapshotImported(TableSnapshotImporter.Imported imported) {
    return TableSnapshotImported.newBuilder()
        .setTableName(imported.tableName())
        .setItemCount(imported.itemsInTable())
        .setItemsWritten(imported.itemsWritten())
        .setResumedSegments(imported.resumedSegments())
        .setDurationMillis(imported.duration().toMillis())
        .build();
  }
}
