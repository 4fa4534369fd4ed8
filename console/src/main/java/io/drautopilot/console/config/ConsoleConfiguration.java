package io.drautopilot.console.config;

import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.console.adapter.audit.TimelineChains;
import io.drautopilot.console.adapter.file.RunbookFiles;
import io.drautopilot.console.adapter.kafka.TopicReader;
import io.drautopilot.console.domain.IncidentBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

  @Bean
  IncidentBoard incidentBoard(ConsoleProperties properties) {
    return new IncidentBoard(properties.rtoTarget(), properties.rpoTarget());
  }

  @Bean
  TimelineChains timelineChains(AuditKeys keys) {
    List<String> pems =
        new ArrayList<>(keys.publicKeys().stream().filter(k -> k != null && !k.isBlank()).toList());
    for (Path file : keys.publicKeyFiles()) {
      try {
        pems.add(Files.readString(file));
      } catch (IOException e) {
        throw new IllegalStateException(
            "dr.audit.public-key-files: cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return new TimelineChains(
        pems.isEmpty()
            ? ChainVerifier.of(List.of())
            : ChainVerifier.fromKeys(pems.toArray(String[]::new)));
  }

  @Bean
  TopicReader topicReader(
      KafkaProperties kafka,
      ConsoleProperties properties,
      IncidentBoard board,
      TimelineChains chains) {
    return new TopicReader(kafka.buildConsumerProperties(), properties.topics(), board, chains);
  }

  @Bean
  RunbookFiles runbookFiles(ConsoleProperties properties) {
    return RunbookFiles.read(properties.runbooks().directory());
  }
}
