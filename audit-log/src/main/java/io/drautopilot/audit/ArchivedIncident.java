package io.drautopilot.audit;

import io.drautopilot.contracts.Topics;
import java.util.List;

/**
 * An incident read back from its archive.
 *
 * @param records every archived record, in log order
 * @param verification the timeline's chain, verified on read; null when no timeline record was archived
 */
public record ArchivedIncident(
    ArchiveManifest manifest, List<LogRecord> records, Verification verification) {

  /** The timeline records' values, in log order (what {@link IncidentVerifier#verifyEncoded} takes). */
  public List<byte[]> timeline() {
    return records.stream()
        .filter(r -> r.topic().equals(Topics.INCIDENT_TIMELINE))
        .map(LogRecord::value)
        .toList();
  }
}
