package io.drautopilot.notifier.adapter.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes reports to {@code <directory>/<incident id>/incident-report.{md,html}}, atomically (a reader
 * never sees half a report), overwriting the previous version: the log, not the file, is the record.
 */
public class ReportDirectory {

  private final Path root;

  public ReportDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path write(String incidentId, String extension, String content) {
    Path dir = root.resolve(safe(incidentId));
    Path file = dir.resolve("incident-report." + extension);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".incident-report", ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** Incident ids become one path segment, whatever they contain. */
  static String safe(String incidentId) {
    String s = incidentId.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }
}
