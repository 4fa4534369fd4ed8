package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drautopilot.deploy.DrServices.DrService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid and runs every service the way the platform expects. */
class DockerComposeTest {

  static final String INSTALL = "apt-get install -y docker-compose";

  private final Map<String, Object> compose =
      Yamls.loadAll(RepoFiles.read("docker-compose.yml")).get(0);

  @Test
  void shouldPassDockerComposeConfigValidation() {
    if (Commands.onPath("docker-compose").isEmpty()) {
      fail(
          "docker-compose is not on the PATH, so docker-compose.yml cannot be validated. Install it (it needs no Docker engine): %s",
          INSTALL);
    }
    Commands.Result result =
        Commands.run(
            List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"),
            RepoFiles.root());
    assertThat(result.exitCode())
        .as("docker-compose -f docker-compose.yml config -q:%n%s", result.stderr())
        .isZero();
  }

  @Test
  void shouldBuildEveryServiceFromTheSharedDockerfileWithHealthCheckAndMemoryLimit() {
    for (DrService s : DrServices.ALL) {
      Object service = Yamls.at(compose, "services." + s.module());
      assertThat(service).as("compose service " + s.module()).isNotNull();
      assertThat(Yamls.string(service, "build.dockerfile"))
          .as(s.module() + " dockerfile")
          .isEqualTo("deploy/Dockerfile");
      assertThat(Yamls.string(service, "build.args.MODULE"))
          .as(s.module() + " MODULE build arg")
          .isEqualTo(s.module());
      assertThat(Yamls.at(service, "healthcheck.test")).as(s.module() + " healthcheck").isNotNull();
      assertThat(Yamls.string(service, "mem_limit")).as(s.module() + " mem_limit").isNotBlank();
      assertThat(Yamls.string(service, "environment.DR_KAFKA_BOOTSTRAP_SERVERS"))
          .as(s.module() + " Kafka")
          .isEqualTo("kafka:9092");
      assertThat(Yamls.string(service, "environment.DR_AWS_ENDPOINTS_DEFAULT"))
          .as(s.module() + " AWS endpoint")
          .isEqualTo("http://localstack:4566");
      assertThat(Yamls.string(service, "depends_on.kafka.condition")).isEqualTo("service_healthy");
      assertThat(Yamls.string(service, "depends_on.kafka-topics.condition"))
          .isEqualTo("service_completed_successfully");
    }
  }

  @Test
  void shouldRunKafkaInKraftModeAndCreateTopicsFromTheGeneratedScript() {
    assertThat(Yamls.string(compose, "services.kafka.image"))
        .startsWith("apache/kafka:")
        .doesNotEndWith(":latest");
    assertThat(Yamls.string(compose, "services.kafka.environment.KAFKA_PROCESS_ROLES"))
        .isEqualTo("broker,controller");
    assertThat(Yamls.string(compose, "services.localstack.image"))
        .startsWith("localstack/localstack:")
        .doesNotEndWith(":latest");
    assertThat(Yamls.list(compose, "services.kafka-topics.volumes").toString())
        .contains(TopicArtifacts.COMPOSE_SCRIPT);
    assertThat(Yamls.string(compose, "services.kafka-topics.depends_on.kafka.condition"))
        .isEqualTo("service_healthy");
  }

  @Test
  void shouldRunImagesAsNonRootWithActuatorHealthCheck() {
    String dockerfile = RepoFiles.read("deploy/Dockerfile");
    assertThat(dockerfile)
        .containsPattern("(?m)^USER 10001")
        .containsPattern("(?m)^HEALTHCHECK .*healthcheck")
        .containsPattern("(?m)^ARG MODULE");
    assertThat(RepoFiles.read("deploy/docker/healthcheck.sh"))
        .contains("/actuator/health/readiness");
  }
}
