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
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.orchestrator.streams.enabled=false",
      "dr.orchestrator.ticker-enabled=false",
      "dr.orchestrator.security.development-hmac.enabled=true",
      "dr.orchestrator.security.development-hmac.secret=" + OrchestratorWithoutStreamsIT.SECRET
    })
@DirtiesContext
class OrchestratorWithoutStreamsIT {

  static final String SECRET = "test-only-secret-of-at-least-32-bytes!!";

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
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + viewerToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String viewerToken() throws Exception {
    com.nimbusds.jwt.SignedJWT jwt =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
            new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .subject("val@example.org")
                .claim("roles", java.util.List.of("viewer"))
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(600)))
                .build());
    jwt.sign(
        new com.nimbusds.jose.crypto.MACSigner(
            SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return jwt.serialize();
  }
}
