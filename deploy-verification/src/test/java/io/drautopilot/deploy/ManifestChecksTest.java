package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The manifest checks catch what they are meant to: each test breaks one property of the rendered
 * dev overlay and expects the check to name it.
 */
class ManifestChecksTest {

  private static List<Map<String, Object>> devWith(
      String kind, String name, Consumer<Map<String, Object>> change) {
    List<Map<String, Object>> docs = KustomizeOverlaysTest.render("dev");
    Map<String, Object> doc =
        docs.stream()
            .filter(d -> kind.equals(Yamls.kind(d)) && name.equals(Yamls.name(d)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("dev overlay has no " + kind + " " + name));
    change.accept(doc);
    return docs;
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    return Yamls.list(deployment, "spec.template.spec.containers").get(0);
  }

  @Test
  void shouldReportWorkloadWithoutReadinessProbe() {
    var docs = devWith("Deployment", "restore-service", d -> container(d).remove("readinessProbe"));
    assertThat(ManifestChecks.workloads(docs))
        .anyMatch(v -> v.contains("restore-service") && v.contains("readinessProbe"));
  }

  @Test
  void shouldReportWorkloadWithoutMemoryLimit() {
    var docs =
        devWith(
            "Deployment",
            "notifier-service",
            d -> Yamls.map(container(d), "resources.limits").remove("memory"));
    assertThat(ManifestChecks.workloads(docs))
        .anyMatch(v -> v.contains("notifier-service") && v.contains("limits.memory"));
  }

  @Test
  void shouldReportWorkloadThatMayRunAsRootOrWriteItsRootFilesystem() {
    var docs =
        devWith(
            "Deployment",
            "orchestrator-service",
            d -> {
              Yamls.map(d, "spec.template.spec.securityContext").remove("runAsNonRoot");
              Yamls.map(container(d), "securityContext").put("readOnlyRootFilesystem", false);
            });
    assertThat(ManifestChecks.workloads(docs))
        .anyMatch(v -> v.contains("orchestrator-service") && v.contains("runAsNonRoot"))
        .anyMatch(v -> v.contains("orchestrator-service") && v.contains("readOnlyRootFilesystem"));
  }

  @Test
  void shouldReportTopicThatDriftedFromTheCatalog() {
    var docs =
        devWith(
            "KafkaTopic",
            TopicArtifacts.resourceName(Topics.COMMAND_LEDGER),
            t -> Yamls.map(t, "spec.config").put("cleanup.policy", "delete"));
    assertThat(ManifestChecks.topics(docs, Topics.ALL))
        .anyMatch(v -> v.contains(Topics.COMMAND_LEDGER) && v.contains("compact"));
  }

  @Test
  void shouldReportServiceAccountWithoutRoleArn() {
    var docs =
        devWith(
            "ServiceAccount",
            "validation-service",
            sa -> Yamls.map(sa, "metadata.annotations").clear());
    assertThat(ManifestChecks.serviceAccounts(docs, DrServices.ALL))
        .anyMatch(v -> v.contains("validation-service"));
  }

  @Test
  void shouldReportSecretValueInEnvironment() {
    var docs =
        devWith(
            "Deployment",
            "detector-service",
            d ->
                Yamls.list(container(d), "env")
                    .add(
                        new java.util.LinkedHashMap<>(
                            Map.of("name", "DR_DETECTOR_WEBHOOK_TOKEN", "value", "s3cr3t"))));
    assertThat(ManifestChecks.noSecretValues(docs))
        .anyMatch(v -> v.contains("DR_DETECTOR_WEBHOOK_TOKEN"));
  }

  @Test
  void shouldReportHandlerWithoutAutoscalerOrScaledBeyondPartitions() {
    var docs =
        devWith(
            "HorizontalPodAutoscaler",
            "restore-service",
            h -> Yamls.map(h, "spec").put("maxReplicas", 10));
    docs.removeIf(
        d ->
            "HorizontalPodAutoscaler".equals(Yamls.kind(d))
                && "notifier-service".equals(Yamls.name(d)));
    assertThat(ManifestChecks.availability(docs, DrServices.ALL))
        .anyMatch(v -> v.contains("restore-service") && v.contains("maxReplicas"))
        .anyMatch(v -> v.contains("notifier-service") && v.contains("no HorizontalPodAutoscaler"));
  }

  @Test
  void shouldReportPodsOutsideTheDefaultDeny() {
    var docs = KustomizeOverlaysTest.render("dev");
    docs.removeIf(
        d -> "NetworkPolicy".equals(Yamls.kind(d)) && "dr-default-deny".equals(Yamls.name(d)));
    assertThat(ManifestChecks.networkPolicies(docs)).anyMatch(v -> v.contains("default-deny"));
  }
}
