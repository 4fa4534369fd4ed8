package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drautopilot.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay of {@code k8s/} with {@code kubectl kustomize} (or {@code kustomize build})
 * and checks the manifests a cluster would receive.
 */
class KustomizeOverlaysTest {

  private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

  static Stream<String> overlays() throws Exception {
    try (Stream<Path> dirs = Files.list(RepoFiles.resolve("k8s/overlays"))) {
      List<String> names =
          dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
      assertThat(names).as("overlays under k8s/overlays").contains("dev", "prod");
      return names.stream();
    }
  }

  /** The overlay's manifests, parsed afresh (callers may change them). */
  static List<Map<String, Object>> render(String overlay) {
    return Yamls.loadAll(renderText(overlay));
  }

  static String renderText(String overlay) {
    return RENDERED.computeIfAbsent(
        overlay,
        o -> {
          String dir = "k8s/overlays/" + o;
          List<String> command;
          if (Commands.onPath("kubectl").isPresent()) {
            command = List.of("kubectl", "kustomize", dir);
          } else if (Commands.onPath("kustomize").isPresent()) {
            command = List.of("kustomize", "build", dir);
          } else {
            throw new AssertionError(
                "Neither kubectl nor kustomize is on the PATH, so k8s/ cannot be rendered and checked. "
                    + "Install kubectl (v1.27 or newer, with kustomize v5) or kustomize v5 and run the build again.");
          }
          Commands.Result result = Commands.run(command, RepoFiles.root());
          if (result.exitCode() != 0) {
            fail(
                "%s failed (exit %d):%n%s",
                String.join(" ", command), result.exitCode(), result.stderr());
          }
          return result.stdout();
        });
  }

  private static void assertNoViolations(String overlay, String what, List<String> violations) {
    if (!violations.isEmpty()) {
      fail("k8s/overlays/%s renders %s:%n  %s", overlay, what, String.join("\n  ", violations));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldRenderEveryWorkloadWithProbesResourcesAndNonRoot(String overlay) {
    assertNoViolations(
        overlay, "workloads that are not safe to run", ManifestChecks.workloads(render(overlay)));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldRenderTopicsEqualToTheCatalog(String overlay) {
    assertNoViolations(
        overlay,
        "KafkaTopics that differ from Topics.ALL",
        ManifestChecks.topics(render(overlay), Topics.ALL));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldAnnotateEveryServiceAccountWithItsIamRole(String overlay) {
    assertNoViolations(
        overlay,
        "ServiceAccounts without their IRSA role",
        ManifestChecks.serviceAccounts(render(overlay), DrServices.ALL));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldNeverRenderSecretValues(String overlay) {
    assertNoViolations(overlay, "secret values", ManifestChecks.noSecretValues(render(overlay)));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldGuardEveryServiceWithDisruptionBudgetAndScaleHandlersWithinPartitions(String overlay) {
    assertNoViolations(
        overlay,
        "services without disruption budget or autoscaling",
        ManifestChecks.availability(render(overlay), DrServices.ALL));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldDenyAllTrafficButDnsKafkaAndDeclaredPaths(String overlay) {
    assertNoViolations(
        overlay,
        "pods outside the default-deny network policy",
        ManifestChecks.networkPolicies(render(overlay)));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldRunTheDetectorOutOfSandboxMode(String overlay) {
    // Sandbox mode opens the detector's POST /maintenance/runs without credentials (for the drill).
    List<String> env = new ArrayList<>();
    for (Map<String, Object> d : ManifestChecks.ofKind(render(overlay), "Deployment")) {
      if (Yamls.name(d).equals("detector-service")) {
        for (Map<String, Object> c : Yamls.list(d, "spec.template.spec.containers")) {
          Yamls.list(c, "env")
              .forEach(e -> env.add(Yamls.string(e, "name") + "=" + Yamls.string(e, "value")));
        }
      }
    }
    assertThat(env)
        .as("k8s/overlays/" + overlay + ": the detector's environment")
        .contains("DR_DETECTOR_SANDBOX_ENABLED=false");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldReferenceOnlyConfigMapsAndSecretsThatAreRenderedOrDocumented(String overlay) {
    List<Map<String, Object>> docs = render(overlay);
    List<String> configMaps =
        ManifestChecks.ofKind(docs, "ConfigMap").stream().map(Yamls::name).toList();
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> d : ManifestChecks.ofKind(docs, "Deployment")) {
      for (Map<String, Object> v : Yamls.list(d, "spec.template.spec.volumes")) {
        String cm = Yamls.string(v, "configMap.name");
        if (cm != null && !configMaps.contains(cm)) {
          missing.add(Yamls.name(d) + " mounts ConfigMap " + cm);
        }
        String mountedSecret = Yamls.string(v, "secret.secretName");
        if (mountedSecret != null && !RepoFiles.read("docs/deploy.md").contains(mountedSecret)) {
          missing.add(
              Yamls.name(d)
                  + " mounts Secret "
                  + mountedSecret
                  + ", which docs/deploy.md does not tell operators to create");
        }
      }
      for (Map<String, Object> c : Yamls.list(d, "spec.template.spec.containers")) {
        for (Map<String, Object> from : Yamls.list(c, "envFrom")) {
          String cm = Yamls.string(from, "configMapRef.name");
          if (cm != null && !configMaps.contains(cm)) {
            missing.add(Yamls.name(d) + " reads ConfigMap " + cm);
          }
        }
        for (Map<String, Object> env : Yamls.list(c, "env")) {
          String secret = Yamls.string(env, "valueFrom.secretKeyRef.name");
          if (secret != null && !RepoFiles.read("docs/deploy.md").contains(secret)) {
            missing.add(
                Yamls.name(d)
                    + " reads Secret "
                    + secret
                    + ", which docs/deploy.md does not tell operators to create");
          }
        }
      }
    }
    assertThat(configMaps)
        .as("ConfigMaps for runbooks, contacts and escalation")
        .anyMatch(n -> n.startsWith("dr-runbooks"))
        .anyMatch(n -> n.startsWith("dr-contacts"))
        .anyMatch(n -> n.startsWith("dr-escalation"));
    assertNoViolations(
        overlay, "references to missing ConfigMaps or undocumented Secrets", missing);
  }
}
