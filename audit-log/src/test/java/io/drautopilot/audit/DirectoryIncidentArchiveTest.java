package io.drautopilot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

class DirectoryIncidentArchiveTest extends IncidentArchiveContract {

  @TempDir Path dir;

  @Override
  ArchiveStore store() {
    return ArchiveStore.at(
        dir.resolve(UUID.randomUUID().toString()).toString(),
        () -> {
          throw new AssertionError("a directory needs no S3 client");
        });
  }

  @Override
  void overwrite(ArchiveStore store, String key, byte[] content) {
    try {
      Files.write(Path.of(store.uri(key)), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
