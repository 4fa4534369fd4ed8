package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed topic files are what the catalog generates, so compose and Kubernetes cannot drift from it. */
class TopicCatalogFilesTest {

  @Test
  void shouldKeepComposeTopicScriptGeneratedFromTheCatalog() {
    RepoFiles.assertGenerated(
        TopicArtifacts.COMPOSE_SCRIPT, TopicArtifacts.composeScript(Topics.ALL), "Topics.ALL");
  }

  @Test
  void shouldKeepStrimziTopicsGeneratedFromTheCatalog() {
    RepoFiles.assertGenerated(
        TopicArtifacts.STRIMZI_TOPICS, TopicArtifacts.strimziTopics(Topics.ALL), "Topics.ALL");
  }

  @Test
  void shouldCreateEveryCatalogTopicWithItsSettingsInTheComposeScript() {
    List<String> created = new ArrayList<>();
    for (String line : RepoFiles.read(TopicArtifacts.COMPOSE_SCRIPT).split("\n")) {
      if (line.startsWith("create ")) {
        created.add(line.substring("create ".length()));
      }
    }
    List<String> expected =
        Topics.ALL.stream()
            .map(
                t ->
                    t.name()
                        + " "
                        + t.partitions()
                        + " "
                        + t.retentionMs()
                        + " "
                        + t.cleanupPolicy().config())
            .toList();
    assertThat(created)
        .as("create lines of " + TopicArtifacts.COMPOSE_SCRIPT)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void shouldDeclareEveryStrimziTopicInTheBaseKustomization() {
    assertThat(RepoFiles.read("k8s/base/kustomization.yaml")).contains("- kafka-topics.yaml");
  }
}
