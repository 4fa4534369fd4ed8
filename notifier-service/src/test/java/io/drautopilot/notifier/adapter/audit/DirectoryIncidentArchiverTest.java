package io.drautopilot.notifier.adapter.audit;

import io.drautopilot.audit.ArchiveStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Archiving closed incidents to a directory. */
class DirectoryIncidentArchiverTest extends IncidentArchiverContract {

  @TempDir Path root;

  @Override
  ArchiveStore store() {
    try {
      return ArchiveStore.at(
          Files.createTempDirectory(root, "archive").toString(),
          () -> {
            throw new AssertionError("a directory needs no S3 client");
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
