package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import io.drautopilot.orchestrator.engine.IncidentState;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes of the topology: contract records and incident state as Avro single-object encoding. */
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

  /**
   * Incident state in the changelogged store, as an {@code IncidentStateRecord} under the schemas'
   * compatibility gate; state stored before as JSON is still read (see {@link IncidentStateCodec}).
   */
  public static Serde<IncidentState> state() {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : IncidentStateCodec.encode(state),
        (topic, bytes) -> bytes == null ? null : IncidentStateCodec.decode(bytes));
  }
}
