package io.drautopilot.console.config;

import io.drautopilot.console.adapter.kafka.TopicReader;
import io.drautopilot.console.domain.IncidentBoard;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

  @Bean
  IncidentBoard incidentBoard(ConsoleProperties properties) {
    return new IncidentBoard(properties.rtoTarget());
  }

  @Bean
  TopicReader topicReader(KafkaProperties kafka, ConsoleProperties properties, IncidentBoard board) {
    return new TopicReader(kafka.buildConsumerProperties(), properties.topics(), board);
  }
}
