package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the topology for the life of the application and answers queries on the incident store. */
public class OrchestratorStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrchestratorStreams.class);

  private final Topology topology;
  private final Properties properties;
  private volatile KafkaStreams streams;

  public OrchestratorStreams(Topology topology, Properties properties) {
    this.topology = topology;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("orchestrator stream thread failed; replacing it (state and offsets are transactional)", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
  }

  @Override
  public synchronized void stop() {
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
      streams = null;
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  public Optional<KafkaStreams.State> state() {
    return Optional.ofNullable(streams).map(KafkaStreams::state);
  }

  /** The local incident store, once the topology is running. */
  public Optional<ReadOnlyKeyValueStore<String, IncidentState>> incidents() {
    KafkaStreams s = streams;
    if (s == null || s.state() != KafkaStreams.State.RUNNING) {
      return Optional.empty();
    }
    return Optional.of(s.store(StoreQueryParameters.fromNameAndType(OrchestratorTopology.INCIDENT_STORE,
        QueryableStoreTypes.keyValueStore())));
  }
}
