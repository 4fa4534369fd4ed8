package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
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
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error(
              "orchestrator stream thread failed; replacing it (state and offsets are transactional)",
              e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
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

  /**
   * The instance holding {@code incidentId} when it is another one (its advertised
   * {@code application.server}); empty when it is this instance, or when ownership is not known
   * (not running, single instance without an advertised endpoint, a rebalance in progress).
   */
  public Optional<HostInfo> remoteOwnerOf(String incidentId) {
    KafkaStreams s = streams;
    if (s == null || s.state() != KafkaStreams.State.RUNNING || self() == null) {
      return Optional.empty();
    }
    KeyQueryMetadata metadata =
        s.queryMetadataForKey(
            OrchestratorTopology.INCIDENT_STORE, incidentId, Serdes.String().serializer());
    if (metadata == null
        || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
        || metadata.activeHost().equals(HostInfo.unavailable())
        || metadata.activeHost().equals(self())) {
      return Optional.empty();
    }
    return Optional.of(metadata.activeHost());
  }

  /** The other instances of this application that advertise an endpoint. */
  public List<HostInfo> otherInstances() {
    KafkaStreams s = streams;
    if (s == null || s.state() != KafkaStreams.State.RUNNING || self() == null) {
      return List.of();
    }
    return s.metadataForAllStreamsClients().stream()
        .map(StreamsMetadata::hostInfo)
        .filter(h -> !h.equals(HostInfo.unavailable()) && !h.equals(self()))
        .distinct()
        .toList();
  }

  /** This instance's advertised endpoint ({@code application.server}), or null. */
  public HostInfo self() {
    Object server = properties.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    return server == null || server.toString().isBlank()
        ? null
        : HostInfo.buildFromEndpoint(server.toString());
  }

  /** The local incident store, once the topology is running. */
  public Optional<ReadOnlyKeyValueStore<String, IncidentState>> incidents() {
    KafkaStreams s = streams;
    if (s == null || s.state() != KafkaStreams.State.RUNNING) {
      return Optional.empty();
    }
    return Optional.of(
        s.store(
            StoreQueryParameters.fromNameAndType(
                OrchestratorTopology.INCIDENT_STORE, QueryableStoreTypes.keyValueStore())));
  }
}
