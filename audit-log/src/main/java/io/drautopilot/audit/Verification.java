package io.drautopilot.audit;

import java.util.Optional;

/**
 * What {@link IncidentVerifier} found in an incident's timeline.
 *
 * @param incidentId the incident the records belong to
 * @param records how many timeline records were read
 * @param unchainedRecords how many of them carry no chain link (written before chaining existed)
 * @param head the hash of the last chained record, or null when none is chained or the chain broke
 * @param signingKeyId the key that signed the chain head, or null when not (yet) signed
 * @param broken the first broken link, when {@code status} is {@link Status#BROKEN}
 */
public record Verification(
    Status status,
    String incidentId,
    int records,
    int unchainedRecords,
    String head,
    String signingKeyId,
    BrokenLink broken) {

  public enum Status {
    /** Every link holds and the incident's close carries a valid signature over the chain head. */
    VERIFIED,
    /** Every link holds but the incident is not closed yet, so its head is not signed. */
    INTACT_OPEN,
    /** No record carries a link: a log written before chaining, which can be neither proven nor disproven. */
    UNCHAINED,
    /** A link does not hold: see {@link #broken()}. */
    BROKEN
  }

  /**
   * @param index position of the record in the records given (0-based, log order)
   * @param eventId the record's {@code metadata.eventId}, or null when it could not be read
   * @param problem what is wrong, in words
   */
  public record BrokenLink(int index, String eventId, String problem) {}

  /** True unless a link is broken (an unchained log is not broken, only unproven). */
  public boolean ok() {
    return status != Status.BROKEN;
  }

  public Optional<BrokenLink> firstBrokenLink() {
    return Optional.ofNullable(broken);
  }

  /** One line for a person: "chain verified: ...", "chain broken at record ...". */
  public String summary() {
    return switch (status) {
      case VERIFIED ->
          "chain verified: "
              + records
              + " timeline records of incident "
              + incidentId
              + ", head "
              + head
              + ", signed by key "
              + signingKeyId
              + unchainedNote();
      case INTACT_OPEN ->
          "chain intact, not signed yet (incident not closed): "
              + records
              + " timeline records of incident "
              + incidentId
              + ", head "
              + head
              + unchainedNote();
      case UNCHAINED ->
          "unchained: the "
              + records
              + " timeline records of incident "
              + incidentId
              + " carry no hash chain (written before chaining), so they can be neither proven nor disproven";
      case BROKEN ->
          "chain broken at record "
              + broken.index()
              + " (event "
              + broken.eventId()
              + ") of incident "
              + incidentId
              + ": "
              + broken.problem();
    };
  }

  private String unchainedNote() {
    return unchainedRecords == 0
        ? ""
        : " (the first " + unchainedRecords + " records predate chaining)";
  }
}
