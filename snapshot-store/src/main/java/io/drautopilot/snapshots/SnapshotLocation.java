package io.drautopilot.snapshots;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the snapshots of many tables live: {@code <location>/<table>/<takenAt>/}. A local
 * directory ({@link LocalSnapshotLocation}) or {@code s3://bucket/prefix} ({@link S3SnapshotLocation}).
 */
public interface SnapshotLocation {

  String uri();

  /** The snapshot of {@code table} taken at {@code takenAt} (there or not yet). */
  Snapshot snapshot(String table, Instant takenAt);

  /** Every snapshot of {@code table} here that has a readable manifest, complete or not, in no order. */
  List<Listed> list(String table);

  /** The latest complete snapshot of {@code table}. */
  default Optional<Listed> latestComplete(String table) {
    return list(table).stream()
        .filter(l -> l.manifest().complete())
        .max(Comparator.comparing(l -> l.manifest().takenAt()));
  }

  /** A snapshot and its manifest as read while listing. */
  record Listed(Snapshot snapshot, SnapshotManifest manifest) {}
}
