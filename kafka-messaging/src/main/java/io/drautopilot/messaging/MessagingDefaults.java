package io.drautopilot.messaging;

import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The messaging conventions every service shares, as lowest-precedence defaults (a service's own
 * configuration or the environment still wins): idempotent producers with {@code acks=all}, Avro
 * serdes behind the error-handling deserializer, committed reads, tracing, and the actuator
 * endpoints an operator expects (health with probes, Prometheus).
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "drMessagingDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("spring.kafka.bootstrap-servers", "${DR_KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
    d.put("spring.kafka.producer.acks", "all");
    d.put("spring.kafka.producer.properties.enable.idempotence", "true");
    d.put("spring.kafka.producer.properties.max.in.flight.requests.per.connection", "5");
    d.put("spring.kafka.producer.properties.linger.ms", "1");
    d.put("spring.kafka.producer.key-serializer", StringSerializer.class.getName());
    d.put("spring.kafka.producer.value-serializer", AvroEventSerializer.class.getName());
    d.put("spring.kafka.consumer.group-id", "${spring.application.name}");
    d.put("spring.kafka.consumer.auto-offset-reset", "earliest");
    d.put("spring.kafka.consumer.enable-auto-commit", "false");
    d.put("spring.kafka.consumer.isolation-level", "read_committed");
    d.put("spring.kafka.consumer.key-deserializer", StringDeserializer.class.getName());
    d.put("spring.kafka.consumer.value-deserializer", ErrorHandlingDeserializer.class.getName());
    d.put(
        "spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
        AvroEventDeserializer.class.getName());
    // Recovery actions (a restore, an import) can hold a record for many minutes.
    d.put("spring.kafka.consumer.max-poll-records", "20");
    d.put("spring.kafka.consumer.properties.max.poll.interval.ms", "1800000");
    d.put("spring.kafka.listener.observation-enabled", "true");
    d.put("spring.kafka.template.observation-enabled", "true");
    d.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
    d.put("management.endpoint.health.show-details", "always");
    d.put("management.endpoint.health.probes.enabled", "true");
    d.put("management.metrics.tags.application", "${spring.application.name}");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, d));
  }
}
