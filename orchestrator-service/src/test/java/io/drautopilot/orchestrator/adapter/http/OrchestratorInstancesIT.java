package io.drautopilot.orchestrator.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.localstack.FreePorts;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.OrchestratorApplication;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver;
import io.drautopilot.orchestrator.adapter.kafka.StoreIncidentQueries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two orchestrator instances of one application over the embedded broker, each holding the
 * incidents of its partitions: every incident is answered by both, and the list of either holds all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorInstancesIT {

  static final String SECRET = "test-only-secret-of-at-least-32-bytes!!";
  static final String VIEWER = viewerToken();

  final String appId = "orchestrator-instances-it-" + UUID.randomUUID();
  final HttpClient http = HttpClient.newHttpClient();
  final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();

  @BeforeAll
  void startTwoInstances() throws Exception {
    for (int i = 0; i < 2; i++) {
      int port = FreePorts.pick();
      ports.add(port);
      instances.add(
          new SpringApplicationBuilder(OrchestratorApplication.class)
              .run(
                  "--server.port=" + port,
                  "--spring.kafka.bootstrap-servers="
                      + System.getProperty("spring.embedded.kafka.brokers"),
                  "--dr.orchestrator.streams.application-id=" + appId,
                  "--dr.orchestrator.streams.state-dir="
                      + System.getProperty("java.io.tmpdir")
                      + "/"
                      + appId
                      + "-"
                      + i,
                  "--dr.orchestrator.streams.advertised-endpoint=127.0.0.1:" + port,
                  "--dr.orchestrator.ticker-enabled=" + (i == 0),
                  "--dr.orchestrator.security.development-hmac.enabled=true",
                  "--dr.orchestrator.security.development-hmac.secret=" + SECRET,
                  "--management.server.port=-1"));
    }
  }

  /** Whether the instance's own store holds the incident (no asking the other instance). */
  private boolean holds(int instance, String incidentId) {
    return instances
        .get(instance)
        .getBean(StoreIncidentQueries.class)
        .find(incidentId)
        .filter(java.util.Objects::nonNull)
        .isPresent();
  }

  @AfterAll
  void stop() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void shouldAnswerForEveryIncidentOnEveryInstance() throws Exception {
    // both instances share the partitions once the group has settled
    await(
        () ->
            instances.stream()
                .allMatch(c -> !c.getBean(StoreIncidentQueries.class).otherInstances().isEmpty()));
    EventPublisher publisher = instances.get(0).getBean(EventPublisher.class);
    List<String> ids = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 8; i++) {
      String id = "inc-instances-" + i + "-" + UUID.randomUUID();
      ids.add(id);
      publisher.publish(
          Topics.INCIDENTS_DETECTED,
          "fp-" + id,
          OrchestratorDriver.detection(
              id, "fp-" + id, Scenario.SECURITY_BREACH, Severity.P1, "entities", now, now));
    }
    for (String id : ids) {
      await(() -> status(0, "/api/incidents/" + id) == 200);
    }

    // each incident is in exactly one instance's store; which one is the assignor's choice, and it
    // may leave every task on the instance that started first for a while (a newcomer gets stateful
    // tasks once warmed up): then the other holds none and answers for all of them through it
    assertThat(ids)
        .as("each held by exactly one instance, so one at least answers for some it does not hold")
        .allSatisfy(id -> assertThat(holds(0, id)).isNotEqualTo(holds(1, id)));
    // ...yet both answer for all of them, reads and decisions alike
    for (String id : ids) {
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> detail = get(i, "/api/incidents/" + id);
        assertThat(detail.statusCode()).as(id + " on instance " + i).isEqualTo(200);
        assertThat(detail.body()).contains(id);
        assertThat(status(i, "/api/incidents/" + id + "/timeline")).isEqualTo(200);
      }
    }
    for (int i = 0; i < 2; i++) {
      String list = get(i, "/api/incidents?scenario=SECURITY_BREACH").body();
      assertThat(ids).allMatch(list::contains);
    }
    assertThat(status(1, "/api/incidents/no-such-incident")).isEqualTo(404);
  }

  HttpResponse<String> get(int instance, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + path))
            .header("Authorization", "Bearer " + VIEWER)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  int status(int instance, String path) {
    try {
      return get(instance, path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 90 s");
      }
      Thread.sleep(200);
    }
  }

  /** Reads need a token; forwarded requests carry it to the instance holding the incident. */
  static String viewerToken() {
    try {
      return OrchestratorApiIT.token("val@example.org", List.of("viewer"), SECRET);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
