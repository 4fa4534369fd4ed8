package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.deploy.DrServices.DrService;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A service module added to the build is deployed too: compose, Kubernetes, IAM policy and the checks here. */
class DeployedServicesTest {

  @Test
  void shouldDeployEveryServiceModuleOfTheBuild() {
    Matcher modules =
        Pattern.compile("<module>([\\w-]+-service)</module>").matcher(RepoFiles.read("pom.xml"));
    List<String> services = modules.results().map(m -> m.group(1)).sorted().toList();
    assertThat(DrServices.ALL.stream().map(DrService::module).sorted().toList())
        .as(
            "services in DrServices.ALL vs. *-service modules of the root pom.xml. A new service needs: an entry in "
                + "DrServices.ALL, a test-scoped dependency in deploy-verification/pom.xml, k8s/base/<service>.yaml with its "
                + "ServiceAccount, PodDisruptionBudget (and HorizontalPodAutoscaler for a handler), a service in "
                + "docker-compose.yml and deploy/iam/<service>-policy.json (regenerate: "
                + RepoFiles.REGENERATE_COMMAND
                + ")")
        .isEqualTo(services);
  }

  @Test
  void shouldGiveEveryServiceItsOwnKubernetesManifestAndPolicyDocument() {
    for (DrService s : DrServices.ALL) {
      assertThat(Files.exists(RepoFiles.resolve("k8s/base/" + s.module() + ".yaml")))
          .as("k8s/base/%s.yaml", s.module())
          .isTrue();
      assertThat(RepoFiles.read("k8s/base/kustomization.yaml"))
          .as("k8s/base/kustomization.yaml resources")
          .contains("- " + s.module() + ".yaml");
      assertThat(Files.exists(RepoFiles.resolve(IamPolicies.path(s.module()))))
          .as(IamPolicies.path(s.module()))
          .isTrue();
    }
  }

  @Test
  void shouldExposeThePortEachServiceListensOn() {
    for (DrService s : DrServices.ALL) {
      String config = RepoFiles.read(s.module() + "/src/main/resources/application.yml");
      assertThat(config)
          .as("%s/src/main/resources/application.yml server.port", s.module())
          .contains("${PORT:" + s.port() + "}");
    }
  }
}
