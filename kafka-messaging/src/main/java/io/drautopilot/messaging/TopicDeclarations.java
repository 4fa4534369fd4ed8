package io.drautopilot.messaging;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.Topics.TopicSpec;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** {@code NewTopic}s generated from the one topic catalog ({@link Topics#ALL}). */
public final class TopicDeclarations {

  private TopicDeclarations() {}

  public static NewTopic[] newTopics(Optional<Short> replicationFactor) {
    return Topics.ALL.stream().map(t -> newTopic(t, replicationFactor)).toArray(NewTopic[]::new);
  }

  static NewTopic newTopic(TopicSpec spec, Optional<Short> replicationFactor) {
    return new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor)
        .configs(
            Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()),
                TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().config()));
  }
}
