package io.drautopilot.deploy;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.Topics.TopicSpec;
import java.util.List;

/**
 * Writes the topic declarations of docker-compose and Kubernetes from {@link Topics#ALL}, so neither
 * can drift from the catalog: the compose topic-creation script and the Strimzi {@code KafkaTopic}s.
 */
final class TopicArtifacts {

  static final String COMPOSE_SCRIPT = "deploy/kafka/create-topics.sh";
  static final String STRIMZI_TOPICS = "k8s/base/kafka-topics.yaml";

  /** The Strimzi {@code Kafka} cluster the topics belong to (label {@code strimzi.io/cluster}). */
  static final String STRIMZI_CLUSTER = "dr-kafka";

  /** Production replication; the dev overlay patches it down to one broker. */
  static final int REPLICAS = 3;

  static final int MIN_IN_SYNC_REPLICAS = 2;

  private static final String GENERATED_NOTE =
      "Generated from io.drautopilot.contracts.Topics.ALL by deploy-verification (TopicArtifacts). Do not edit:\n"
          + "# regenerate with "
          + RepoFiles.REGENERATE_COMMAND
          + "\n";

  private TopicArtifacts() {}

  static String composeScript(List<TopicSpec> topics) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n");
    s.append(
        "# Creates every topic of the catalog on the compose broker; safe to run again (--if-not-exists).\n");
    s.append("# ").append(GENERATED_NOTE);
    s.append("set -eu\n\n");
    s.append("BOOTSTRAP=\"${DR_KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}\"\n");
    s.append("REPLICATION_FACTOR=\"${DR_TOPIC_REPLICATION_FACTOR:-1}\"\n");
    s.append("KAFKA_TOPICS=\"${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}\"\n\n");
    s.append("# create <topic> <partitions> <retention.ms> <cleanup.policy>\n");
    s.append("create() {\n");
    s.append(
        "  \"$KAFKA_TOPICS\" --bootstrap-server \"$BOOTSTRAP\" --create --if-not-exists --topic \"$1\" \\\n");
    s.append("    --partitions \"$2\" --replication-factor \"$REPLICATION_FACTOR\" \\\n");
    s.append("    --config \"retention.ms=$3\" --config \"cleanup.policy=$4\"\n");
    s.append("}\n\n");
    for (TopicSpec t : topics) {
      s.append("# ").append(t.purpose()).append('\n');
      s.append("create ")
          .append(t.name())
          .append(' ')
          .append(t.partitions())
          .append(' ')
          .append(t.retentionMs())
          .append(' ')
          .append(t.cleanupPolicy().config())
          .append('\n');
    }
    s.append("\necho \"").append(topics.size()).append(" topics present on $BOOTSTRAP\"\n");
    return s.toString();
  }

  static String strimziTopics(List<TopicSpec> topics) {
    StringBuilder s = new StringBuilder();
    s.append("# Strimzi KafkaTopics, one per topic of the catalog.\n");
    s.append("# ").append(GENERATED_NOTE);
    for (TopicSpec t : topics) {
      s.append("---\n");
      s.append("apiVersion: kafka.strimzi.io/v1beta2\n");
      s.append("kind: KafkaTopic\n");
      s.append("metadata:\n");
      s.append("  name: ").append(resourceName(t.name())).append('\n');
      s.append("  labels:\n");
      s.append("    strimzi.io/cluster: ").append(STRIMZI_CLUSTER).append('\n');
      s.append("  annotations:\n");
      s.append("    drautopilot.io/purpose: ").append(quoted(t.purpose())).append('\n');
      s.append("spec:\n");
      s.append("  topicName: ").append(t.name()).append('\n');
      s.append("  partitions: ").append(t.partitions()).append('\n');
      s.append("  replicas: ").append(REPLICAS).append('\n');
      s.append("  config:\n");
      s.append("    retention.ms: ").append(t.retentionMs()).append('\n');
      s.append("    cleanup.policy: ").append(t.cleanupPolicy().config()).append('\n');
      s.append("    min.insync.replicas: ").append(MIN_IN_SYNC_REPLICAS).append('\n');
    }
    return s.toString();
  }

  /** Kubernetes names allow dots, but dashes keep the resource names plain; {@code spec.topicName} is the real name. */
  static String resourceName(String topic) {
    return topic.replace('.', '-').replace('_', '-');
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
