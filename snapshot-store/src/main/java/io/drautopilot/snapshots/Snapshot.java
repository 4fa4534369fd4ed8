package io.drautopilot.snapshots;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * One logical snapshot of one table: {@code segment-<i>.jsonl.gz} files (gzip, one DynamoDB-JSON
 * {@code {"Item":{...}}} per line) and {@code manifest.json}, written last. Without a readable
 * manifest with {@code complete=true} a snapshot is not a restore point.
 */
public interface Snapshot {

  /** Where it is: a directory path, or {@code s3://bucket/prefix/<table>/<takenAt>}. */
  String uri();

  /** The last element of {@link #uri()}: the taken-at instant as {@link SnapshotNaming} writes it. */
  String name();

  /** The manifest, if one is there and readable. */
  Optional<SnapshotManifest> manifest();

  /** A new segment, replacing any earlier one; the bytes are stored when the stream is closed. */
  OutputStream createSegment(int segment) throws IOException;

  /** The stored bytes of a segment. */
  InputStream openSegment(int segment) throws IOException;

  /** Writes the manifest in one step (a reader never sees half of it). */
  void writeManifest(SnapshotManifest manifest);
}
