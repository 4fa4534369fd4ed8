package io.drautopilot.restore.adapter.files;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.restore.domain.SnapshotManifest;
import io.drautopilot.restore.domain.SnapshotNaming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * Logical snapshots on a local file system: {@code <location>/<table>/<takenAt>/manifest.json}
 * plus {@code segment-<i>.jsonl.gz}. The manifest is written last and atomically, so a directory
 * without one (an export that crashed) is never mistaken for a restore point.
 */
public final class SnapshotFiles {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private SnapshotFiles() {}

  /** A snapshot location as a local path; {@code s3://} locations are not supported yet. */
  public static Path localPath(String location) {
    if (location.startsWith("s3://")) {
      throw new RestoreRefusedException("UnsupportedSnapshotLocation",
          "S3 snapshot locations are not supported yet: " + location);
    }
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  public static Path snapshotDirectory(Path location, String tableName, SnapshotManifest manifest) {
    return location.resolve(tableName).resolve(manifest.directoryName());
  }

  public static Path segmentFile(Path snapshotDirectory, int segment) {
    return snapshotDirectory.resolve(SnapshotNaming.segmentFileName(segment));
  }

  public static void writeManifest(Path snapshotDirectory, SnapshotManifest manifest) {
    Path target = snapshotDirectory.resolve(SnapshotNaming.MANIFEST);
    try {
      Path temp = Files.createTempFile(snapshotDirectory, ".manifest", ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), ManifestJson.of(manifest));
      atomicReplace(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  public static Optional<SnapshotManifest> readManifest(Path snapshotDirectory) {
    Path file = snapshotDirectory.resolve(SnapshotNaming.MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), ManifestJson.class).toManifest());
    } catch (IOException e) {
      // a torn or foreign manifest is not a restore point
      return Optional.empty();
    }
  }

  /** Every snapshot of a table under a location that has a readable manifest, with its directory. */
  public static List<Located> listSnapshots(Path location, String tableName) {
    Path tableDir = location.resolve(tableName);
    List<Located> found = new ArrayList<>();
    if (!Files.isDirectory(tableDir)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(tableDir)) {
      dirs.filter(Files::isDirectory)
          .filter(d -> SnapshotNaming.parseDirectoryName(d.getFileName().toString()).isPresent())
          .forEach(d -> readManifest(d).ifPresent(m -> found.add(new Located(d, m))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tableDir, e);
    }
    return found;
  }

  /** The manifest as it is on disk: takenAt as an ISO-8601 string, field order as in the contract. */
  public record ManifestJson(String tableName, String region, String takenAt, int segments, long itemCount,
                      List<SnapshotManifest.KeyElement> keySchema,
                      List<SnapshotManifest.AttributeDefinition> attributeDefinitions, boolean complete) {

    static ManifestJson of(SnapshotManifest m) {
      return new ManifestJson(m.tableName(), m.region(), m.takenAt().toString(), m.segments(), m.itemCount(),
          m.keySchema(), m.attributeDefinitions(), m.complete());
    }

    SnapshotManifest toManifest() {
      return new SnapshotManifest(tableName, region, Instant.parse(takenAt), segments, itemCount,
          keySchema == null ? List.of() : keySchema, attributeDefinitions == null ? List.of() : attributeDefinitions,
          complete);
    }
  }

  /** A snapshot manifest and the directory it was read from. */
  public record Located(Path directory, SnapshotManifest manifest) {}

  static void atomicReplace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
