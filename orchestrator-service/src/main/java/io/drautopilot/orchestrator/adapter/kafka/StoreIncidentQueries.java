package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.orchestrator.adapter.http.IncidentQueries;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Incidents from this instance's local store. With several instances each holds its partitions'
 * incidents; routing a query to the owner (KafkaStreams#queryMetadataForKey) is not done yet.
 */
public class StoreIncidentQueries implements IncidentQueries {

  private final OrchestratorStreams streams;

  public StoreIncidentQueries(OrchestratorStreams streams) {
    this.streams = streams;
  }

  @Override
  public List<IncidentState> all() {
    List<IncidentState> out = new ArrayList<>();
    streams.incidents().ifPresent(store -> {
      try (KeyValueIterator<String, IncidentState> it = store.all()) {
        it.forEachRemaining(kv -> out.add(kv.value));
      }
    });
    out.sort((a, b) -> String.valueOf(b.openedAt).compareTo(String.valueOf(a.openedAt)));
    return out;
  }

  @Override
  public Optional<IncidentState> find(String incidentId) {
    return streams.incidents().map(store -> store.get(incidentId));
  }
}
