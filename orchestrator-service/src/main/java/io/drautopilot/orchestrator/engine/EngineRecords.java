package io.drautopilot.orchestrator.engine;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.timeline.IncidentOpened;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the records the engine emits share: their metadata, and the line a timeline fact leaves in the
 * incident's state. Pure: both come from the state and the effect's {@link Effect.Ref}.
 */
public final class EngineRecords {

  /** Fields a note leaves out: the metadata, the evidence, and what the adapter and the chain add. */
  private static final Set<String> UNWORDED =
      Set.of(
          "metadata",
          "symptoms",
          "commandTopic",
          "fingerprint",
          "chainHead",
          "chainSignature",
          "signingKeyId");

  /** Contract field → the name stored notes have always given it. */
  private static final Map<String, String> NOTE_NAMES =
      Map.of(
          "fromSeverity", "from",
          "toSeverity", "to",
          "requiredRole", "role",
          "measuredRtoSeconds", "rtoSeconds",
          "measuredRpoSeconds", "rpoSeconds");

  private EngineRecords() {}

  /** The metadata of a record the engine emits (a command or a timeline fact) with identity {@code ref}. */
  public static EventMetadata metadata(IncidentState s, Effect.Ref ref) {
    int attempt = Math.max(1, ref.attempt());
    return EventMetadata.newBuilder()
        .setEventId(ref.eventId())
        .setIncidentId(s.incidentId)
        .setCorrelationId(s.correlationId)
        .setCausationId(ref.causationId())
        .setOccurredAt(ref.at())
        .setProducer(RunbookEngine.PRODUCER)
        .setRunbookId(s.runbookId)
        .setRunbookVersion(s.runbookVersion)
        .setStepId(ref.stepId())
        .setAttempt(attempt)
        .setIdempotencyKey(
            ref.stepId() == null ? null : s.incidentId + "/" + ref.stepId() + "/" + attempt)
        .build();
  }

  /**
   * A fact's detail in the incident's own timeline ({@link IncidentState.Note}, shown by the API):
   * {@code name=value, ...]} of its fields, worded as the stored notes have always worded them (they
   * began as the toString of the engine's own records, hence the bracket): a step's failure by its
   * code, message and retryable, an opening by nothing, as the incident's own fields tell it.
   */
  static String noteDetail(SpecificRecord fact) {
    StringJoiner line = new StringJoiner(", ", "", "]");
    if (fact instanceof IncidentOpened) {
      return line.toString();
    }
    for (Schema.Field field : fact.getSchema().getFields()) {
      Object value = fact.get(field.pos());
      if (value instanceof CommandFailure failure) {
        line.add("code=" + failure.getCode())
            .add("message=" + failure.getMessage())
            .add("retryable=" + failure.getRetryable());
      } else if (!UNWORDED.contains(field.name())) {
        line.add(NOTE_NAMES.getOrDefault(field.name(), field.name()) + "=" + value);
      }
    }
    return line.toString();
  }
}
