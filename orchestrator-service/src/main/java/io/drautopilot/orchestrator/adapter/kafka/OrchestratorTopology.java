package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The orchestrator as a Kafka Streams topology.
 *
 * <pre>
 * dr.incidents.detected (by fingerprint) ─┐
 * dr.incidents.timeline: IncidentClosed ──┴─▶ fingerprint index ─▶ repartition by incident id ─┐
 * dr.commands.results, dr.operator.actions, dr.clock.ticks (by incident id / partition) ───────┴─▶ engine ─▶ commands, timeline
 * </pre>
 */
public final class OrchestratorTopology {

  public static final String FINGERPRINT_STORE = "open-incidents-by-fingerprint";
  public static final String INCIDENT_STORE = "incidents";
  public static final String CHAIN_STORE = "timeline-chain-heads";

  private OrchestratorTopology() {}

  /**
   * The orchestrator's own Kafka Streams setting: a step whose outputs are ready asks for the transaction to
   * commit at once when its stream thread has not asked within this many milliseconds, otherwise once they
   * have passed ({@link EarlyCommit}). 0: on {@code commit.interval.ms} only.
   */
  public static final String EARLY_COMMIT_SPACING_MS = "dr.orchestrator.early-commit-spacing.ms";

  /**
   * Settings for low step latency. The engine task reads five partitions (signals, results,
   * operator actions, ticks); by default it waits for data on all of them before processing, and an
   * empty fetch waits up to 500 ms; and the thread commits (making outputs visible under
   * exactly-once) only after its next poll returns, which blocks up to poll.ms. Inputs of different topics need no timestamp alignment here
   * (every input carries its own time), so process what has arrived. A step's outputs are committed at
   * once ({@link #EARLY_COMMIT_SPACING_MS}, set apart from these from {@code
   * dr.orchestrator.streams.early-commit-spacing}, its one default); the producer may hold them until then (linger.ms), since under
   * exactly-once nothing is readable before the commit, which flushes: fewer, larger produce requests.
   *
   * <p>The producer's retry back-off starts at 10 ms instead of 100 ms. When a transaction begins right
   * after the last one committed, the coordinator may still be writing that one's markers and answers
   * {@code AddOffsetsToTxn} with {@code CONCURRENT_TRANSACTIONS}; the client retries it after
   * {@code retry.backoff.ms} (only {@code AddPartitionsToTxn} has a shorter back-off of its own,
   * KAFKA-5477), and the stream thread waits in {@code sendOffsetsToTransaction} meanwhile, polling
   * nothing: 100 or 200 ms on a step whose result arrived then. The back-off still grows exponentially
   * up to {@code retry.backoff.max.ms} (1 s) when a broker is really unavailable.
   */
  public static java.util.Map<String, Object> latencySettings() {
    return java.util.Map.of(
        org.apache.kafka.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
        -1L,
        org.apache.kafka.streams.StreamsConfig.POLL_MS_CONFIG,
        5L,
        org.apache.kafka.streams.StreamsConfig.consumerPrefix(
            org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        10,
        org.apache.kafka.streams.StreamsConfig.producerPrefix(
            org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG),
        20,
        org.apache.kafka.streams.StreamsConfig.producerPrefix(
            org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG),
        131_072,
        org.apache.kafka.streams.StreamsConfig.producerPrefix(
            org.apache.kafka.clients.producer.ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
        10L);
  }

  /** Closed incidents stay in the query store this long after their last event, unless configured. */
  public static final java.time.Duration DEFAULT_CLOSED_RETENTION = java.time.Duration.ofDays(30);

  public static Topology build(RunbookEngine engine, AvroMapping mapping) {
    return build(engine, mapping, DEFAULT_CLOSED_RETENTION);
  }

  public static Topology build(
      RunbookEngine engine, AvroMapping mapping, java.time.Duration closedRetention) {
    return build(engine, mapping, closedRetention, TimelineChain.unsigned());
  }

  /** @param chain seals the timeline into one hash chain per incident (signed at close when it has a key) */
  public static Topology build(
      RunbookEngine engine,
      AvroMapping mapping,
      java.time.Duration closedRetention,
      TimelineChain chain) {
    Serde<String> keys = Serdes.String();
    Serde<Object> avro = OrchestratorSerdes.avro();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FINGERPRINT_STORE), keys, keys));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(INCIDENT_STORE), keys, OrchestratorSerdes.state()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHAIN_STORE), keys, keys));

    KStream<String, Object> detected =
        builder.stream(Topics.INCIDENTS_DETECTED, Consumed.with(keys, avro).withName("detections"));
    KStream<String, Object> closed =
        builder.stream(Topics.INCIDENT_TIMELINE, Consumed.with(keys, avro).withName("own-timeline"))
            .filter(
                (k, v) -> v instanceof IncidentClosed c && c.getFingerprint() != null,
                Named.as("closures"))
            .selectKey(
                (k, v) -> ((IncidentClosed) v).getFingerprint(), Named.as("closure-by-fingerprint"))
            .repartition(
                Repartitioned.with(keys, avro)
                    .withName("closures")
                    .withNumberOfPartitions(Topics.PARTITIONS));
    KStream<String, Object> signals =
        detected
            .merge(closed, Named.as("signals-and-closures"))
            .process(FingerprintProcessor::new, Named.as("fingerprint-index"), FINGERPRINT_STORE)
            .repartition(
                Repartitioned.with(keys, avro)
                    .withName("signals")
                    .withNumberOfPartitions(Topics.PARTITIONS));

    KStream<String, Object> results =
        builder.stream(Topics.COMMAND_RESULTS, Consumed.with(keys, avro).withName("results"));
    KStream<String, Object> operator =
        builder.stream(
            Topics.OPERATOR_ACTIONS, Consumed.with(keys, avro).withName("operator-actions"));
    KStream<String, Object> ticks =
        builder.stream(Topics.CLOCK_TICKS, Consumed.with(keys, avro).withName("ticks"));

    signals
        .merge(results, Named.as("with-results"))
        .merge(operator, Named.as("with-operator"))
        .merge(ticks, Named.as("with-ticks"))
        .process(
            () -> new IncidentProcessor(engine, mapping, closedRetention, chain),
            Named.as("engine"),
            INCIDENT_STORE,
            CHAIN_STORE)
        .to(
            (key, routed, ctx) -> routed.topic(),
            Produced.with(keys, OrchestratorSerdes.routed()).withName("outputs"));
    return builder.build();
  }
}
