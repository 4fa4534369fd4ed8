package io.drautopilot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** With the topology switched off the service still starts; incident queries say why they cannot answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "dr.orchestrator.streams.enabled=false",
    "dr.orchestrator.ticker-enabled=false"})
@DirtiesContext
class OrchestratorWithoutStreamsIT {

  @LocalServerPort int port;

  @Test
  void shouldStartAndAnswerIncidentQueriesWith503WhenStreamsAreDisabled() throws Exception {
    HttpResponse<String> list = get("/api/incidents");
    HttpResponse<String> one = get("/api/incidents/inc-1");
    HttpResponse<String> runbooks = get("/api/runbooks");

    assertThat(list.statusCode()).isEqualTo(503);
    assertThat(list.body()).contains("dr.orchestrator.streams.enabled=false");
    assertThat(one.statusCode()).isEqualTo(503);
    assertThat(runbooks.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
