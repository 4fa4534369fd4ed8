package io.drautopilot.restore.adapter.files;

import io.drautopilot.snapshots.LocalSnapshotLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Per-segment checkpoints of one import (one snapshot into one target table in one region): how
 * many lines of {@code segment-<i>.jsonl.gz} are known to be written. Only lines whose batches were
 * fully applied, in order, are ever recorded, so resuming after a crash skips exactly those and
 * replays the rest (BatchWriteItem puts are idempotent, so replaying a partial batch is harmless).
 *
 * <p>Checkpoints are bound to the exact target they were written for ({@link Binding}: the snapshot
 * and the table's own identity, not only its name). A table dropped and created again under the same
 * name, or another snapshot with the same directory name, does not match, and its checkpoints must be
 * discarded: skipping lines that went into a table that no longer exists would claim items that are
 * not there.
 */
public final class ImportCheckpoints {

  private static final String BINDING_FILE = "target.properties";

  /**
   * What the checkpoints were written for.
   *
   * @param snapshotUri where the snapshot is (directory or {@code s3://} URI)
   * @param snapshotTakenAt the manifest's takenAt (ISO-8601)
   * @param snapshotItemCount the manifest's item count
   * @param snapshotSegments the manifest's segment count
   * @param tableName the target table's name
   * @param tableId the target table's TableId (unique for each creation of a table), when known
   * @param tableArn the target table's ARN, when known
   * @param tableCreatedAt the target table's CreationDateTime (ISO-8601), when known
   */
  public record Binding(
      String snapshotUri,
      String snapshotTakenAt,
      long snapshotItemCount,
      int snapshotSegments,
      String tableName,
      String tableId,
      String tableArn,
      String tableCreatedAt) {

    /** Same snapshot, and the same table (not merely one with the same name). */
    public boolean sameTarget(Binding other) {
      if (other == null
          || !snapshotUri.equals(other.snapshotUri)
          || !snapshotTakenAt.equals(other.snapshotTakenAt)
          || snapshotItemCount != other.snapshotItemCount
          || snapshotSegments != other.snapshotSegments
          || !tableName.equals(other.tableName)) {
        return false;
      }
      if (tableId != null && other.tableId != null) {
        return tableId.equals(other.tableId);
      }
      // no TableId on one side: the ARN (name-based) plus the creation time tell a recreated table
      // apart
      return tableCreatedAt != null
          && tableCreatedAt.equals(other.tableCreatedAt)
          && Objects.equals(tableArn, other.tableArn);
    }

    @Override
    public String toString() {
      return "snapshot "
          + snapshotUri
          + " (taken "
          + snapshotTakenAt
          + ", "
          + snapshotItemCount
          + " items) into table "
          + tableName
          + (tableId != null ? " id " + tableId : "")
          + " created "
          + tableCreatedAt;
    }
  }

  private final Path directory;

  public ImportCheckpoints(
      Path workDirectory, String region, String targetTable, String snapshotId) {
    this.directory =
        workDirectory
            .resolve("imports")
            .resolve(region == null ? "default" : region)
            .resolve(targetTable)
            .resolve(snapshotId);
  }

  public Path directory() {
    return directory;
  }

  /** True when an import of this snapshot into a table of this name has started before. */
  public boolean exists() {
    return Files.isDirectory(directory);
  }

  /** What the checkpoints were written for; empty when none are there or they carry no binding. */
  public Optional<Binding> binding() {
    Path file = directory.resolve(BINDING_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      return Optional.of(
          new Binding(
              p.getProperty("snapshotUri"),
              p.getProperty("snapshotTakenAt"),
              Long.parseLong(p.getProperty("snapshotItemCount")),
              Integer.parseInt(p.getProperty("snapshotSegments")),
              p.getProperty("tableName"),
              p.getProperty("tableId"),
              p.getProperty("tableArn"),
              p.getProperty("tableCreatedAt")));
    } catch (IOException | RuntimeException e) {
      // unreadable means unknown, and unknown checkpoints are never trusted
      return Optional.empty();
    }
  }

  /**
   * Starts a fresh set of checkpoints for {@code binding}, written before any item is, so every
   * checkpoint recorded afterwards belongs to that table and snapshot.
   */
  public void bind(Binding binding) {
    create();
    Properties p = new Properties();
    p.setProperty("snapshotUri", binding.snapshotUri());
    p.setProperty("snapshotTakenAt", binding.snapshotTakenAt());
    p.setProperty("snapshotItemCount", Long.toString(binding.snapshotItemCount()));
    p.setProperty("snapshotSegments", Integer.toString(binding.snapshotSegments()));
    p.setProperty("tableName", binding.tableName());
    if (binding.tableId() != null) {
      p.setProperty("tableId", binding.tableId());
    }
    if (binding.tableArn() != null) {
      p.setProperty("tableArn", binding.tableArn());
    }
    if (binding.tableCreatedAt() != null) {
      p.setProperty("tableCreatedAt", binding.tableCreatedAt());
    }
    try {
      Path temp = Files.createTempFile(directory, ".target", ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, null);
      }
      LocalSnapshotLocation.atomicReplace(temp, directory.resolve(BINDING_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint binding in " + directory, e);
    }
  }

  /** Removes every checkpoint (and the binding): the next import starts from the first line. */
  public void discard() {
    if (!exists()) {
      return;
    }
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot discard the checkpoints in " + directory, e);
    }
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
      throw new UncheckedIOException(
          "cannot write the checkpoint of segment " + segment + " in " + directory, e);
    }
  }

  private Path file(int segment) {
    return directory.resolve("segment-" + segment + ".checkpoint");
  }
}
