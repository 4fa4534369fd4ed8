package io.drautopilot.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file the drill writes whole and others read (the catalogue its services read as they start together, the restore
 * history kept between drills): written to a sibling, then moved over the old one, so a reader sees the old file or
 * the new one, never half of it, and a drill stopped while writing leaves the old one intact.
 */
final class WholeFile {

  private WholeFile() {}

  static Path write(Path file, CharSequence text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path written = Files.createTempFile(parent, file.getFileName().toString(), ".new");
    try {
      Files.writeString(written, text, StandardCharsets.UTF_8);
      return Files.move(
          written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(written);
    }
  }
}
