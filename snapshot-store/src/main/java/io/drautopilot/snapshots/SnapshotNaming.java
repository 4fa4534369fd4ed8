package io.drautopilot.snapshots;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The snapshot layout: a snapshot of table T taken at X lives in
 * {@code <location>/<T>/<X as yyyyMMdd'T'HHmmssSSS'Z' in UTC>/}.
 */
public final class SnapshotNaming {

  public static final String MANIFEST = "manifest.json";
  private static final DateTimeFormatter DIRECTORY =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private SnapshotNaming() {}

  public static String directoryName(Instant takenAt) {
    return DIRECTORY.format(takenAt);
  }

  /** The instant a snapshot directory name stands for, or empty when it is not one. */
  public static Optional<Instant> parseDirectoryName(String name) {
    try {
      return Optional.of(Instant.from(DIRECTORY.parse(name)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static String segmentFileName(int segment) {
    return "segment-" + segment + ".jsonl.gz";
  }
}
