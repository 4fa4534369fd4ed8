package io.drautopilot.validation.adapter.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes logical snapshots in the shared format, the way restore-service does, for tests. */
public final class SnapshotFiles {

  static final DateTimeFormatter DIRECTORY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private SnapshotFiles() {}

  /**
   * @param itemLines one DynamoDB-JSON item object per element (without the {"Item": ...} wrapper)
   * @return the snapshot directory
   */
  public static Path write(Path location, String table, Instant takenAt, int segments, List<String> itemLines,
                           boolean complete) throws IOException {
    Path dir = location.resolve(table).resolve(DIRECTORY.format(takenAt));
    Files.createDirectories(dir);
    for (int s = 0; s < segments; s++) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("segment-" + s + ".jsonl.gz")));
           Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        for (int i = s; i < itemLines.size(); i += segments) {
          w.write("{\"Item\":" + itemLines.get(i) + "}\n");
        }
      }
    }
    String manifest = """
        {"tableName": "%s", "region": "us-east-1", "takenAt": "%s", "segments": %d, "itemCount": %d,
         "keySchema": [{"attributeName": "PK", "keyType": "HASH"}, {"attributeName": "SK", "keyType": "RANGE"}],
         "attributeDefinitions": [{"attributeName": "PK", "attributeType": "S"}, {"attributeName": "SK", "attributeType": "S"}],
         "complete": %s}
        """.formatted(table, takenAt, segments, itemLines.size(), complete);
    Files.writeString(dir.resolve("manifest.json"), manifest);
    return dir;
  }

  public static String employee(int i) {
    return "{\"PK\":{\"S\":\"EMPLOYEE#" + i + "\"},\"SK\":{\"S\":\"PROFILE\"},\"entityType\":{\"S\":\"Employee\"},"
        + "\"n\":{\"N\":\"" + i + "\"}}";
  }
}
