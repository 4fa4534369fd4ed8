package io.drautopilot.sandbox;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The sandbox's Kafka: a real single-node KRaft broker (Apache Kafka's own test cluster kit) started
 * in this JVM on a free loopback port. The drill creates the topic catalog's topics once it is up; the services declare
 * them too.
 */
final class LocalKafka implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;

  private LocalKafka(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  static LocalKafka start() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
    broker.brokerProperties(
        Map.of(
            // small heaps die at start with the default 128 MB dedupe buffer
            "log.cleaner.dedupe.buffer.size", "8388608",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false"));
    broker.afterPropertiesSet();
    return new LocalKafka(broker);
  }

  String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public void close() {
    broker.destroy();
  }
}
