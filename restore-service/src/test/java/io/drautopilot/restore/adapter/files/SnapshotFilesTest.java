package io.drautopilot.restore.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.restore.domain.SnapshotManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

  @TempDir Path location;

  static SnapshotManifest manifest(String takenAt) {
    return new SnapshotManifest("entities", "us-east-1", Instant.parse(takenAt), 2, 42,
        List.of(new SnapshotManifest.KeyElement("PK", "HASH"), new SnapshotManifest.KeyElement("SK", "RANGE")),
        List.of(new SnapshotManifest.AttributeDefinition("PK", "S"), new SnapshotManifest.AttributeDefinition("SK", "S")),
        true);
  }

  @Test
  void shouldLaySnapshotsOutByTableAndUtcInstantWithTheContractsManifest() throws Exception {
    SnapshotManifest m = manifest("2026-01-15T10:25:00.123Z");
    Path dir = SnapshotFiles.snapshotDirectory(location, "entities", m);
    Files.createDirectories(dir);

    SnapshotFiles.writeManifest(dir, m);

    assertThat(location.relativize(dir).toString().replace('\\', '/')).isEqualTo("entities/20260115T102500123Z");
    String json = Files.readString(dir.resolve("manifest.json"));
    assertThat(json).contains("\"tableName\" : \"entities\"", "\"takenAt\" : \"2026-01-15T10:25:00.123Z\"",
        "\"segments\" : 2", "\"itemCount\" : 42", "\"complete\" : true", "\"attributeName\" : \"PK\"",
        "\"keyType\" : \"HASH\"", "\"attributeType\" : \"S\"");
    assertThat(SnapshotFiles.readManifest(dir)).contains(m);
  }

  @Test
  void shouldNotListADirectoryWithoutAManifestAsASnapshot() throws Exception {
    SnapshotManifest done = manifest("2026-01-15T10:00:00Z");
    Path doneDir = SnapshotFiles.snapshotDirectory(location, "entities", done);
    Files.createDirectories(doneDir);
    SnapshotFiles.writeManifest(doneDir, done);
    Path crashed = location.resolve("entities").resolve("20260115T102000000Z");
    Files.createDirectories(crashed);
    Files.writeString(crashed.resolve("segment-0.jsonl.gz"), "partial");

    assertThat(SnapshotFiles.listSnapshots(location, "entities")).extracting(SnapshotFiles.Located::directory)
        .containsExactly(doneDir);
  }
}
