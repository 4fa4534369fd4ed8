package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import io.drautopilot.orchestrator.engine.IncidentState;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Serdes of the topology: contract records as Avro single-object encoding, incident state as JSON. */
public final class OrchestratorSerdes {

  private OrchestratorSerdes() {}

  /** A record on its way out, with the topic it goes to (commands go to their handler's topic). */
  public record Routed(String topic, IndexedRecord value) {}

  public static Serde<Object> avro() {
    return Serdes.serdeFrom(new AvroEventSerializer(), new AvroEventDeserializer());
  }

  public static Serde<Routed> routed() {
    return Serdes.serdeFrom(
        (topic, routed) -> routed == null ? null : EventCodec.shared().encode(routed.value()),
        (topic, bytes) ->
            bytes == null
                ? null
                : new Routed(topic, (IndexedRecord) EventCodec.shared().decode(bytes)));
  }

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Incident state in the changelogged store; unknown properties are ignored so old state survives upgrades. */
  public static Serde<IncidentState> state() {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : JSON.writeValueAsBytes(state),
        (topic, bytes) -> bytes == null ? null : JSON.readValue(bytes, IncidentState.class));
  }

  public static JsonMapper json() {
    return JSON;
  }
}
