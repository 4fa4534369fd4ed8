package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The latency settings reach the clients Kafka Streams builds under exactly-once, not only the
 * properties: a setting Kafka Streams overrides for its own producer or consumer would be lost
 * silently. Why each one matters is measured by {@code OrchestratorBenchmarkIT} (docs/benchmarks).
 */
class LatencySettingsTest {

  static StreamsConfig orchestratorLike() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-settings-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.putAll(OrchestratorTopology.latencySettings());
    return new StreamsConfig(p);
  }

  @Test
  void shouldGiveTheTransactionalProducerAShortRetryBackOff() {
    // A transaction that begins while the last one's markers are still being written is answered
    // CONCURRENT_TRANSACTIONS; sendOffsetsToTransaction waits one back-off before it retries, and
    // the stream thread polls nothing meanwhile (100 ms by Kafka's default).
    Map<String, Object> producer = orchestratorLike().getProducerConfigs("orchestrator-producer");
    assertThat(producer.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)).isEqualTo(10L);
    assertThat(producer.get(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo(20);
    assertThat(producer.get(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(131_072);
  }

  @Test
  void shouldGiveTheMainConsumerAShortFetchWait() {
    Map<String, Object> consumer =
        orchestratorLike().getMainConsumerConfigs("orchestrator", "orchestrator-consumer", 0);
    assertThat(consumer.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo(10);
    assertThat(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
  }
}
