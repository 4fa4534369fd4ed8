package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.adapter.files.SnapshotFiles;
import io.drautopilot.restore.config.RestoreProperties;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.ProgressListener;
import io.drautopilot.restore.domain.RestorePointChooser;
import io.drautopilot.restore.domain.SnapshotManifest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The logical-snapshot actions of the runbook (used where there is no PITR, e.g. the sandbox, and for
 * cross-account copies): export a table, find the latest usable snapshot, import one into a
 * recovery table.
 */
public class LogicalSnapshots {

  private final RegionalClients<DynamoDbClient> dynamo;
  private final RestoreProperties properties;
  private final Clock clock;

  public LogicalSnapshots(RegionalClients<DynamoDbClient> dynamo, RestoreProperties properties, Clock clock) {
    this.dynamo = dynamo;
    this.properties = properties;
    this.clock = clock;
  }

  public TableSnapshotExporter.Exported export(String table, String region, String destination, int segments,
                                               ProgressListener progress) {
    TableSnapshotExporter exporter = new TableSnapshotExporter(dynamo.forRegion(region),
        new TableSnapshotExporter.Options(segments, properties.getSnapshot().getScanPageSize(), clock));
    return exporter.export(table, region, SnapshotFiles.localPath(destination), progress);
  }

  /** The directory of the latest complete snapshot of {@code table} taken at or before {@code notAfter}. */
  public Optional<SnapshotFiles.Located> latest(String location, String table, Instant notAfter) {
    var all = SnapshotFiles.listSnapshots(SnapshotFiles.localPath(location), table);
    Optional<SnapshotManifest> chosen = RestorePointChooser.latestSnapshot(
        all.stream().map(SnapshotFiles.Located::manifest).toList(), notAfter);
    return chosen.flatMap(m -> all.stream().filter(l -> l.manifest() == m).findFirst());
  }

  public TableSnapshotImporter.Imported importInto(String snapshotDirectory, String targetTable, String region,
                                                   int parallelism, ProgressListener progress) {
    RestoreProperties.Snapshot s = properties.getSnapshot();
    TableSnapshotImporter importer = new TableSnapshotImporter(dynamo.forRegion(region),
        new TableSnapshotImporter.Options(parallelism,
            new Backoff(s.getUnprocessedBaseDelay(), s.getUnprocessedMaxDelay(), s.getUnprocessedMaxAttempts()),
            s.getCheckpointEveryBatches(), properties.getWorkDirectory(), properties.getWait().getPollInterval(),
            properties.getWait().getTimeout()));
    Path directory = SnapshotFiles.localPath(snapshotDirectory);
    return importer.importSnapshot(directory, targetTable, region, progress);
  }
}
