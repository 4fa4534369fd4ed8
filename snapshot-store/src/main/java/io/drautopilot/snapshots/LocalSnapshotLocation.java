package io.drautopilot.snapshots;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Snapshots on a file system: {@code <directory>/<table>/<takenAt>/}. The manifest is written to a
 * temporary file and moved into place atomically.
 */
public final class LocalSnapshotLocation implements SnapshotLocation {

  private final Path directory;

  public LocalSnapshotLocation(Path directory) {
    this.directory = directory;
  }

  @Override
  public String uri() {
    return directory.toString();
  }

  @Override
  public Snapshot snapshot(String table, Instant takenAt) {
    return new Dir(directory.resolve(table).resolve(SnapshotNaming.directoryName(takenAt)));
  }

  @Override
  public List<Listed> list(String table) {
    Path tableDir = directory.resolve(table);
    List<Listed> found = new ArrayList<>();
    if (!Files.isDirectory(tableDir)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(tableDir)) {
      dirs.filter(Files::isDirectory)
          .filter(d -> SnapshotNaming.parseDirectoryName(d.getFileName().toString()).isPresent())
          .map(Dir::new)
          .forEach(d -> d.manifest().ifPresent(m -> found.add(new Listed(d, m))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tableDir, e);
    }
    return found;
  }

  /** The snapshot in exactly this directory. */
  public static Snapshot at(Path snapshotDirectory) {
    return new Dir(snapshotDirectory);
  }

  /** Replaces {@code target} with {@code temp} atomically where the file system can. */
  public static void atomicReplace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private record Dir(Path path) implements Snapshot {

    @Override
    public String uri() {
      return path.toString();
    }

    @Override
    public String name() {
      return path.getFileName().toString();
    }

    @Override
    public Optional<SnapshotManifest> manifest() {
      Path file = path.resolve(SnapshotNaming.MANIFEST);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return ManifestJson.read(Files.readAllBytes(file));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public OutputStream createSegment(int segment) throws IOException {
      Files.createDirectories(path);
      return Files.newOutputStream(path.resolve(SnapshotNaming.segmentFileName(segment)));
    }

    @Override
    public InputStream openSegment(int segment) throws IOException {
      return Files.newInputStream(path.resolve(SnapshotNaming.segmentFileName(segment)));
    }

    @Override
    public void writeManifest(SnapshotManifest manifest) {
      Path target = path.resolve(SnapshotNaming.MANIFEST);
      try {
        Files.createDirectories(path);
        Path temp = Files.createTempFile(path, ".manifest", ".tmp");
        Files.write(temp, ManifestJson.write(manifest));
        atomicReplace(temp, target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }
  }
}
