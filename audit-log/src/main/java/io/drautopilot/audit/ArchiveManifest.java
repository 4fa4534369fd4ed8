package io.drautopilot.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident archive's {@code manifest.json}, written last: its presence is what makes an archive
 * complete. It lists every data file with its SHA-256, and gives the log order across files
 * ({@code order[i]} is the index in {@code files} of the file holding record {@code i}; records
 * of one file are in log order among themselves).
 *
 * @param format {@value #FORMAT}
 * @param archivedAt ISO-8601 instant the archive was written
 * @param recordCounts records per topic
 * @param chain the timeline's chain as verified when archiving, or null when no timeline record was archived
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveManifest(
    String format,
    String incidentId,
    String archiveId,
    String archivedAt,
    int records,
    Map<String, Integer> recordCounts,
    Chain chain,
    List<ArchiveFile> files,
    List<Integer> order) {

  public static final String FORMAT = "dr-autopilot-incident-archive/1";

  /**
   * @param status the {@link Verification.Status} when archived
   * @param head the chain head ({@code IncidentClosed.chainHead}), null when unsigned
   * @param signature {@code IncidentClosed.chainSignature}
   * @param signingKeyId {@code IncidentClosed.signingKeyId}
   * @param summary the verification in words
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Chain(
      String status, String head, String signature, String signingKeyId, String summary) {}

  /**
   * @param path the file's key relative to the archive location
   * @param schema the writer schema's full name (the file's own schema is the exact writer schema)
   * @param fingerprint the writer schema's CRC-64-AVRO fingerprint, 16 hex digits (as in the Kafka values)
   */
  public record ArchiveFile(
      String path, String topic, String schema, String fingerprint, int records, String sha256) {}

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write the archive manifest", e);
    }
  }

  static ArchiveManifest fromJson(byte[] json, String uri) {
    ArchiveManifest manifest;
    try {
      manifest = JSON.readValue(json, ArchiveManifest.class);
    } catch (JacksonException e) {
      throw new ArchiveIntegrityException(
          uri + " is not a readable archive manifest: " + e.getMessage());
    }
    if (!FORMAT.equals(manifest.format()) || manifest.files() == null || manifest.order() == null) {
      throw new ArchiveIntegrityException(uri + " is not a " + FORMAT + " manifest");
    }
    return manifest;
  }
}
