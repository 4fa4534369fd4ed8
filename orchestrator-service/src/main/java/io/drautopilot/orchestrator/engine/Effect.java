package io.drautopilot.orchestrator.engine;

import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the engine decided: a command to send, or a fact for the incident timeline. Ids and times are
 * derived from the inputs only, so replaying the same inputs yields the same effects.
 */
public sealed interface Effect {

  Ref ref();

  /** Identity of an emitted record: deterministic event id, step, attempt, time and cause. */
  record Ref(String eventId, String stepId, int attempt, Instant at, String causationId) {}

  /** Parameters are rendered: a String, a List of String or a Map of String, per the command field. */
  record Command(Ref ref, String action, Map<String, Object> parameters) implements Effect {}

  /**
   * A timeline fact as the contract records it ({@code io.drautopilot.contracts.timeline}), its
   * metadata built from {@code ref}; the adapter only adds what the routes know (a started step's
   * command topic).
   */
  record Timeline(Ref ref, SpecificRecord fact) implements Effect {

    /** The fact's name on the timeline: its contract record's. */
    public String type() {
      return fact.getSchema().getName();
    }
  }
}
