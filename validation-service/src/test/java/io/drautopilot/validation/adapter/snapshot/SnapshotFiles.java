package io.drautopilot.validation.adapter.snapshot;

import io.drautopilot.snapshots.LocalSnapshotLocation;
import io.drautopilot.snapshots.Snapshot;
import io.drautopilot.snapshots.SnapshotLocation;
import io.drautopilot.snapshots.SnapshotManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes logical snapshots in the shared format, the way restore-service does, for tests. */
public final class SnapshotFiles {

  private SnapshotFiles() {}

  /**
   * @param itemLines one DynamoDB-JSON item object per element (without the {"Item": ...} wrapper)
   * @return the snapshot directory
   */
  public static Path write(
      Path location,
      String table,
      Instant takenAt,
      int segments,
      List<String> itemLines,
      boolean complete)
      throws IOException {
    return Path.of(
        write(new LocalSnapshotLocation(location), table, takenAt, segments, itemLines, complete)
            .uri());
  }

  /** Like {@link #write(Path, String, Instant, int, List, boolean)} into any location (a directory, S3). */
  public static Snapshot write(
      SnapshotLocation location,
      String table,
      Instant takenAt,
      int segments,
      List<String> itemLines,
      boolean complete)
      throws IOException {
    Snapshot snapshot = location.snapshot(table, takenAt);
    for (int s = 0; s < segments; s++) {
      try (OutputStream out = new GZIPOutputStream(snapshot.createSegment(s));
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        for (int i = s; i < itemLines.size(); i += segments) {
          w.write("{\"Item\":" + itemLines.get(i) + "}\n");
        }
      }
    }
    snapshot.writeManifest(
        new SnapshotManifest(
            table,
            "us-east-1",
            takenAt,
            segments,
            itemLines.size(),
            List.of(
                new SnapshotManifest.KeyElement("PK", "HASH"),
                new SnapshotManifest.KeyElement("SK", "RANGE")),
            List.of(
                new SnapshotManifest.AttributeDefinition("PK", "S"),
                new SnapshotManifest.AttributeDefinition("SK", "S")),
            complete));
    return snapshot;
  }

  public static String employee(int i) {
    return "{\"PK\":{\"S\":\"EMPLOYEE#"
        + i
        + "\"},\"SK\":{\"S\":\"PROFILE\"},\"entityType\":{\"S\":\"Employee\"},"
        + "\"n\":{\"N\":\""
        + i
        + "\"}}";
  }
}
