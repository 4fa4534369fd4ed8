package io.drautopilot.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSnapshotLocationTest extends SnapshotLocationContract {

  @TempDir Path dir;

  @Override
  SnapshotLocation location() {
    return SnapshotStore.localOnly().location(dir.toString());
  }

  @Override
  SnapshotStore store() {
    return SnapshotStore.localOnly();
  }

  @Override
  void overwriteManifest(Snapshot s, String content) throws IOException {
    Files.writeString(
        Path.of(s.uri()).resolve(SnapshotNaming.MANIFEST), content, StandardCharsets.UTF_8);
  }

  @Test
  void fileUrisArePathsAndOtherSchemesAreRefusedByName() {
    assertThat(store().location(dir.toUri().toString()).snapshot("entities", T1).uri())
        .isEqualTo(dir.resolve("entities").resolve("20260115T100000000Z").toString());
    assertThatThrownBy(() -> store().location("gs://bucket/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gs://bucket/x");
    assertThatThrownBy(() -> store().location(" ")).hasMessageContaining("no snapshot location");
    assertThatThrownBy(() -> SnapshotStore.localOnly().location("s3://bucket/x"))
        .hasMessageContaining("no S3 client");
  }

  @Test
  void theManifestIsMovedIntoPlaceLeavingNoTemporaryFile() throws IOException {
    Snapshot s = location().snapshot("entities", T1);
    s.writeManifest(manifest(T1, true));
    try (var files = Files.list(Path.of(s.uri()))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(SnapshotNaming.MANIFEST);
    }
  }
}
