package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.config.RestoreProperties;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.RestorePointChooser;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.snapshots.Snapshot;
import io.drautopilot.snapshots.SnapshotLocation;
import io.drautopilot.snapshots.SnapshotManifest;
import io.drautopilot.snapshots.SnapshotStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The logical-snapshot actions of the runbook (used where there is no PITR, e.g. the sandbox, and for
 * cross-account copies): export a table, find the latest usable snapshot, import one into a
 * recovery table. Locations are local directories or {@code s3://bucket/prefix} ({@link SnapshotStore}).
 */
public class LogicalSnapshots {

  private final RegionalClients<DynamoDbClient> dynamo;
  private final SnapshotStore store;
  private final RestoreProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;

  /**
   * @param meters where throughput is counted: {@code dr.restore.snapshot.items} (tags operation =
   *     export | import, store = s3 | local) and {@code dr.restore.snapshot.unprocessed.retries}
   */
  public LogicalSnapshots(
      RegionalClients<DynamoDbClient> dynamo,
      SnapshotStore store,
      RestoreProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.dynamo = dynamo;
    this.store = store;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
  }

  public TableSnapshotExporter.Exported export(
      String table, String region, String destination, int segments, ProgressListener progress) {
    TableSnapshotExporter exporter =
        new TableSnapshotExporter(
            dynamo.forRegion(region),
            new TableSnapshotExporter.Options(
                segments, properties.snapshot().scanPageSize(), clock));
    SnapshotLocation location = resolve(() -> store.location(destination));
    TableSnapshotExporter.Exported exported = exporter.export(table, region, location, progress);
    items("export", destination).increment(exported.manifest().itemCount());
    return exported;
  }

  /** The latest complete snapshot of {@code table} taken at or before {@code notAfter}. */
  public Optional<SnapshotLocation.Listed> latest(String location, String table, Instant notAfter) {
    List<SnapshotLocation.Listed> all = resolve(() -> store.location(location)).list(table);
    Optional<SnapshotManifest> chosen =
        RestorePointChooser.latestSnapshot(
            all.stream().map(SnapshotLocation.Listed::manifest).toList(), notAfter);
    return chosen.flatMap(m -> all.stream().filter(l -> l.manifest() == m).findFirst());
  }

  public TableSnapshotImporter.Imported importInto(
      String snapshotUri,
      String targetTable,
      String region,
      int parallelism,
      ProgressListener progress) {
    RestoreProperties.Snapshot s = properties.snapshot();
    TableSnapshotImporter importer =
        new TableSnapshotImporter(
            dynamo.forRegion(region),
            new TableSnapshotImporter.Options(
                parallelism,
                new Backoff(
                    s.unprocessedBaseDelay(), s.unprocessedMaxDelay(), s.unprocessedMaxAttempts()),
                s.checkpointEveryBatches(),
                properties.workDirectory(),
                properties.waits().pollInterval(),
                properties.waits().timeout()));
    Snapshot snapshot = resolve(() -> store.snapshot(snapshotUri));
    TableSnapshotImporter.Imported imported =
        importer.importSnapshot(snapshot, targetTable, region, progress);
    items("import", snapshotUri).increment(imported.itemsWritten());
    meters
        .counter("dr.restore.snapshot.unprocessed.retries")
        .increment(imported.unprocessedRetries());
    return imported;
  }

  private Counter items(String operation, String location) {
    return meters.counter(
        "dr.restore.snapshot.items",
        "operation",
        operation,
        "store",
        SnapshotStore.isS3(location) ? "s3" : "local");
  }

  /** A location the store cannot use (unknown scheme, blank, s3 without a client) is a refusal, not a crash. */
  private static <T> T resolve(Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (IllegalArgumentException e) {
      throw new RestoreRefusedException("UnsupportedSnapshotLocation", e.getMessage());
    }
  }
}
