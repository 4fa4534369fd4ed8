package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.orchestrator.adapter.http.IncidentQueries;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Incidents from this instance's local store. With several instances each holds its partitions'
 * incidents; {@link #elsewhere} names the instance holding one (KafkaStreams#queryMetadataForKey on
 * the advertised {@code application.server} endpoints) so requests can be sent there.
 */
public class StoreIncidentQueries implements IncidentQueries {

  private final OrchestratorStreams streams;

  public StoreIncidentQueries(OrchestratorStreams streams) {
    this.streams = streams;
  }

  @Override
  public List<IncidentState> all() {
    List<IncidentState> out = new ArrayList<>();
    streams
        .incidents()
        .ifPresent(
            store -> {
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

  @Override
  public Optional<URI> elsewhere(String incidentId) {
    return streams.remoteOwnerOf(incidentId).map(StoreIncidentQueries::uri);
  }

  @Override
  public List<URI> otherInstances() {
    return streams.otherInstances().stream().map(StoreIncidentQueries::uri).toList();
  }

  private static URI uri(HostInfo host) {
    return URI.create("http://" + host.host() + ":" + host.port());
  }
}
