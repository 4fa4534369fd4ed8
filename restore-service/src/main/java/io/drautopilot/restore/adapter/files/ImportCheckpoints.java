package io.drautopilot.restore.adapter.files;

import io.drautopilot.snapshots.LocalSnapshotLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-segment checkpoints of one import (one snapshot into one target table in one region): how
 * many lines of {@code segment-<i>.jsonl.gz} are known to be written. Only lines whose batches were
 * fully applied, in order, are ever recorded, so resuming after a crash skips exactly those and
 * replays the rest (BatchWriteItem puts are idempotent, so replaying a partial batch is harmless).
 */
public final class ImportCheckpoints {

  private final Path directory;

  public ImportCheckpoints(Path workDirectory, String region, String targetTable, String snapshotId) {
    this.directory = workDirectory.resolve("imports").resolve(region == null ? "default" : region)
        .resolve(targetTable).resolve(snapshotId);
  }

  public Path directory() {
    return directory;
  }

  /** True when this import has started before (a resume). */
  public boolean exists() {
    return Files.isDirectory(directory);
  }

  public void create() {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  public long linesApplied(int segment) {
    Path file = file(segment);
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      // unreadable means unknown: replaying from the start is always safe
      return 0;
    }
  }

  public void record(int segment, long linesApplied) {
    try {
      Path temp = Files.createTempFile(directory, ".segment-" + segment, ".tmp");
      Files.writeString(temp, Long.toString(linesApplied), StandardCharsets.UTF_8);
      LocalSnapshotLocation.atomicReplace(temp, file(segment));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint of segment " + segment + " in " + directory, e);
    }
  }

  private Path file(int segment) {
    return directory.resolve("segment-" + segment + ".checkpoint");
  }
}
