package io.drautopilot.messaging;

import io.drautopilot.messaging.command.CommandDispatcher;
import io.drautopilot.messaging.command.CommandFailureMapper;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.messaging.command.CommandLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ProducerListener;

/**
 * The messaging conventions, configured once for every service: topics from the catalog, the
 * dead-letter error handler, per-topic metrics, the Kafka health indicator, the event publisher and,
 * in services that declare {@code dr.messaging.command-topics}, the command dispatcher with its ledger
 * (and the service's {@link CommandFailureMapper}, if it has one).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class MessagingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  EventMetadataFactory eventMetadataFactory(
      @Value("${spring.application.name:dr-autopilot}") String application, Clock clock) {
    return new EventMetadataFactory(
        application + "@" + ManagementFactory.getRuntimeMXBean().getName(), clock);
  }

  @Bean
  KafkaAdmin.NewTopics drTopics(
      @Value("${dr.messaging.replication-factor:#{null}}") Short replicationFactor) {
    return new KafkaAdmin.NewTopics(
        TopicDeclarations.newTopics(Optional.ofNullable(replicationFactor)));
  }

  @Bean
  @ConditionalOnMissingBean(DefaultErrorHandler.class)
  DefaultErrorHandler deadLetterErrorHandler(
      KafkaTemplate<Object, Object> template, MeterRegistry meters) {
    return DeadLetters.errorHandler(template, meters);
  }

  @Bean
  RecordMetricsInterceptor recordMetricsInterceptor(MeterRegistry meters) {
    return new RecordMetricsInterceptor(meters);
  }

  @Bean
  ProducerListener<Object, Object> recordProducedCounter(MeterRegistry meters) {
    return new ProducerListener<>() {
      @Override
      public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
        meters.counter("dr.records.produced", "topic", record.topic()).increment();
      }
    };
  }

  @Bean("kafkaHealthIndicator")
  KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
    return new KafkaClusterHealthIndicator(admin);
  }

  @Bean
  @ConditionalOnMissingBean
  @SuppressWarnings({"unchecked", "rawtypes"})
  EventPublisher eventPublisher(
      KafkaTemplate<?, ?> template,
      @Value("${dr.messaging.publish-timeout:30s}") Duration timeout) {
    return new EventPublisher((KafkaTemplate) template, timeout.toMillis());
  }

  @Bean
  @ConditionalOnProperty("dr.messaging.command-topics")
  @SuppressWarnings({"unchecked", "rawtypes"})
  CommandLedger commandLedger(
      KafkaProperties properties,
      KafkaTemplate<?, ?> template,
      @Value("${spring.application.name}") String application) {
    return new CommandLedger(
        properties.buildConsumerProperties(), (KafkaTemplate) template, application);
  }

  @Bean
  @ConditionalOnProperty("dr.messaging.command-topics")
  CommandDispatcher commandDispatcher(
      ObjectProvider<CommandHandler<?>> handlers,
      CommandLedger ledger,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      MeterRegistry meters,
      @Value("${dr.messaging.progress-interval:1s}") Duration progressInterval,
      ObjectProvider<CommandFailureMapper> failures) {
    // aws-support contributes the AWS-aware mapping; without it, failures are named by exception
    // class
    return new CommandDispatcher(
        () -> handlers.orderedStream().toList(),
        ledger,
        publisher,
        metadata,
        meters,
        progressInterval,
        failures.getIfAvailable(() -> CommandFailureMapper.GENERIC));
  }
}
