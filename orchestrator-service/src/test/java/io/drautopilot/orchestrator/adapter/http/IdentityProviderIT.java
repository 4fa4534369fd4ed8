package io.drautopilot.orchestrator.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.BreachSubjectsViewSubmitted;
import io.drautopilot.contracts.timeline.BreachSubjectsViewed;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.testissuer.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API against a real OpenID Connect issuer (Spring Authorization Server in this JVM, see
 * {@link TestIssuer}): tokens checked against its JWKS, roles from its {@code roles} claim. Each
 * refusal has its status and reason, and nothing refused reaches dr.operator.actions.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.orchestrator.streams.application-id=identity-provider-it",
      "dr.orchestrator.streams.state-dir=${java.io.tmpdir}/identity-provider-it-${random.uuid}",
      "dr.orchestrator.security.jwks-min-refetch-interval=100ms",
      "dr.orchestrator.security.decision-rate-limit.capacity=3",
      "dr.orchestrator.security.decision-rate-limit.period=1h"
    })
@DirtiesContext
class IdentityProviderIT {

  static final TestIssuer ISSUER = TestIssuer.start();

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("dr.orchestrator.security.issuer", ISSUER::uri);
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.stop();
  }

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired MeterRegistry meters;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRefuseEveryReadAndWriteWithoutATokenButLeaveProbesOpen() throws Exception {
    HttpResponse<String> list = get("/api/incidents", null);

    assertThat(list.statusCode()).isEqualTo(401);
    assertThat(list.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(list.body()).contains("\"reason\":\"missing\"", "bearer token is required");
    assertThat(get("/api/runbooks", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
    assertThat(failures("missing")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldLetEveryRoleReadAndRefuseATokenWithoutOneWith403NamingTheRoles() throws Exception {
    for (String person : List.of("vic.viewer", "rita.responder", "sam.officer", "rae.author")) {
      assertThat(get("/api/incidents", ISSUER.token(person)).statusCode())
          .as(person)
          .isEqualTo(200);
    }

    HttpResponse<String> nobody = get("/api/incidents", ISSUER.token("nora.nobody"));

    assertThat(nobody.statusCode()).isEqualTo(403);
    assertThat(nobody.body())
        .contains(
            "\"reason\":\"role-required\"",
            "viewer",
            "incident-responder",
            "security-officer",
            "runbook-author",
            "nora.nobody has none");
  }

  @Test
  void shouldRefuseTokensNotFromTheIssuerOrNotValidWithTheirReason() throws Exception {
    // given a breach incident a responder could act on
    String incidentId = breachIncident();
    String acknowledge = "/api/incidents/" + incidentId + "/acknowledge";
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-the-issuers").generate();
    SignedJWT unknownKey =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(stranger.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            ISSUER.claims("rita.responder", Duration.ofMinutes(5)));
    unknownKey.sign(new RSASSASigner(stranger));
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            ISSUER.claims("rita.responder", Duration.ofMinutes(5)));
    hmac.sign(
        new MACSigner("a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)));
    String otherIssuer =
        ISSUER.signedWithCurrentKey(
            new JWTClaimsSet.Builder(ISSUER.claims("rita.responder", Duration.ofMinutes(5)))
                .issuer("https://login.elsewhere.example")
                .build());

    // when each is presented, then each is refused with its reason
    assertRefused(post(acknowledge, "{}", otherIssuer), "wrong-issuer", "iss");
    assertRefused(
        post(
            acknowledge,
            "{}",
            ISSUER.signedWithCurrentKey(ISSUER.claims("rita.responder", Duration.ofMinutes(-5)))),
        "expired",
        "expired");
    assertRefused(post(acknowledge, "{}", unknownKey.serialize()), "invalid-signature", "");
    assertRefused(
        post(
            acknowledge,
            "{}",
            new PlainJWT(ISSUER.claims("rita.responder", Duration.ofMinutes(5))).serialize()),
        "unsupported-algorithm",
        "alg: none");
    assertRefused(
        post(acknowledge, "{}", hmac.serialize()), "unsupported-algorithm", "development-hmac");
    assertRefused(post(acknowledge, "{}", "not-a-jwt"), "malformed", "");
    assertThat(failures("wrong-issuer")).isPositive();
    assertThat(failures("expired")).isPositive();
    assertThat(failures("invalid-signature")).isPositive();

    // and nothing was acted on: the only operator action for the incident is the real responder's
    // acknowledgement
    assertThat(post(acknowledge, "{}", ISSUER.token("rita.responder")).statusCode()).isEqualTo(202);
    List<IndexedRecord> actions = operatorActions(incidentId, 1);
    assertThat(actions).hasSize(1);
    assertThat(actions.get(0).toString()).contains("rita.responder");
  }

  @Test
  void shouldRedactBreachSubjectsForAViewerEverywhereTheApiShowsThem() throws Exception {
    String incidentId = breachIncident();
    String viewer = ISSUER.token("vic.viewer");

    HttpResponse<String> detail = get("/api/incidents/" + incidentId, viewer);
    HttpResponse<String> timeline = get("/api/incidents/" + incidentId + "/timeline", viewer);
    HttpResponse<String> list = get("/api/incidents?scenario=SECURITY_BREACH", viewer);

    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body())
        .contains(
            "\"principalName\":\"" + BreachSubjects.REDACTED + "\"",
            "\"accessKeyId\":\"" + BreachSubjects.REDACTED)
        .doesNotContain("mallory", "AKIAEXAMPLEKEY0001", "203.0.113.66");
    // contain-principal's parameters name the principal: redacted there too
    assertThat(detail.body()).contains("\"principalName\":\"" + BreachSubjects.REDACTED + "\"");
    assertThat(timeline.body()).doesNotContain("mallory", "AKIAEXAMPLEKEY0001", "203.0.113.66");
    assertThat(list.body()).contains(incidentId).doesNotContain("mallory");
    // and a viewer's reading is not a recorded one
    assertThat(timeline.body()).doesNotContain("BreachSubjectsViewed");
  }

  @Test
  void shouldRecordASecurityOfficersReadingOnTheChainedTimelineOncePerInterval() throws Exception {
    String incidentId = breachIncident();
    String officer = ISSUER.token("sam.officer");

    // when the officer reads the incident, and refreshes it
    HttpResponse<String> detail = get("/api/incidents/" + incidentId, officer);
    get("/api/incidents/" + incidentId, officer);
    get("/api/incidents/" + incidentId + "/timeline", officer);

    // then the subjects are shown as they are
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body())
        .contains("arn:aws:iam::123456789012:user/mallory", "AKIAEXAMPLEKEY0001", "203.0.113.66");
    // and the reading is on the incident's timeline once, with who looked, chained like every
    // record
    await(
        () ->
            get("/api/incidents/" + incidentId + "/timeline", officer)
                .body()
                .contains("BreachSubjectsViewed"));
    BreachSubjectsViewed viewed = timelineRecord(incidentId, BreachSubjectsViewed.class);
    assertThat(viewed.getViewedBy()).isEqualTo("sam.officer");
    assertThat(viewed.getSubjectNames()).contains("principalName", "accessKeyId", "sourceIp");
    assertThat(viewed.getReadPath()).isEqualTo("/api/incidents/" + incidentId);
    assertThat(viewed.getMetadata().getChain()).isNotNull();
    assertThat(
            operatorActions(incidentId, 1).stream()
                .filter(a -> a instanceof BreachSubjectsViewSubmitted))
        .hasSize(1);
  }

  @Test
  void shouldLetOnlyASecurityOfficerApproveAContainmentGate() throws Exception {
    String incidentId = breachIncident();
    String path = "/api/incidents/" + incidentId;
    String officer = ISSUER.token("sam.officer");
    await(() -> get(path, officer).body().contains("AWAITING_APPROVAL"));

    HttpResponse<String> responder =
        post(path + "/steps/contain-principal/approve", "{}", ISSUER.token("rita.responder"));
    HttpResponse<String> approved =
        post(path + "/steps/contain-principal/approve", "{\"comment\":\"contain\"}", officer);

    assertThat(responder.statusCode()).isEqualTo(403);
    assertThat(responder.body())
        .contains("needs role 'security-officer'", "rita.responder has incident-responder");
    assertThat(approved.statusCode()).isEqualTo(202);
    List<IndexedRecord> decisions =
        operatorActions(incidentId, 1).stream()
            .filter(a -> a instanceof ApprovalSubmitted)
            .toList();
    assertThat(decisions).hasSize(1);
    assertThat(((ApprovalSubmitted) decisions.get(0)).getApprover()).isEqualTo("sam.officer");
  }

  @Test
  void shouldAcceptTokensSignedWithTheNewKeyAfterARotationAndRefuseThoseOfTheRemovedKey()
      throws Exception {
    String before = ISSUER.token("vic.viewer");
    assertThat(get("/api/incidents", before).statusCode()).isEqualTo(200);

    ISSUER.rotateKeys();
    String after = ISSUER.token("vic.viewer");

    // a token naming a key the orchestrator does not hold makes it fetch the JWKS again
    assertThat(get("/api/incidents", after).statusCode()).isEqualTo(200);
    Thread.sleep(200); // past the minimum refetch interval
    HttpResponse<String> old = get("/api/incidents", before);
    assertRefused(old, "invalid-signature", "");
  }

  @Test
  void shouldLimitDecisionsPerPersonWith429AndRetryAfter() throws Exception {
    String responder = ISSUER.token("rhea.responder");
    for (int i = 0; i < 3; i++) {
      assertThat(post("/api/incidents/no-such-incident/acknowledge", "{}", responder).statusCode())
          .isEqualTo(404);
    }

    HttpResponse<String> limited =
        post("/api/incidents/no-such-incident/acknowledge", "{}", responder);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(limited.body())
        .contains("\"reason\":\"rate-limited\"", "rhea.responder has made 3 decisions");
    // reading is not limited, and another person is not
    assertThat(get("/api/incidents", responder).statusCode()).isEqualTo(200);
    assertThat(
            post(
                    "/api/incidents/no-such-incident/acknowledge",
                    "{}",
                    ISSUER.token("rita.responder"))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void shouldLetOnlyRunbookAuthorsValidateRunbooks() throws Exception {
    String body = "{\"yaml\":\"id: x\"}";

    HttpResponse<String> viewer = post("/api/runbooks/validate", body, ISSUER.token("vic.viewer"));
    HttpResponse<String> author = post("/api/runbooks/validate", body, ISSUER.token("rae.author"));

    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(viewer.body()).contains("needs role 'runbook-author'");
    assertThat(author.statusCode()).isEqualTo(400);
  }

  private void assertRefused(HttpResponse<String> response, String reason, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(response.body()).contains("\"reason\":\"" + reason + "\"", detail);
  }

  private double failures(String reason) {
    var counter = meters.find(ApiAuthenticationEntryPoint.FAILURES).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** A breach incident whose evidence names a principal, its access key and a source IP. */
  private String breachIncident() throws Exception {
    String incidentId = "inc-idp-" + UUID.randomUUID();
    Instant now = Instant.now();
    Evidence evidence =
        Evidence.newBuilder()
            .setSignal("cloudtrail:ScanBurst")
            .setResource("entities")
            .setDetail("Scan burst by an unknown reader")
            .setObservedAt(now)
            .setSubjects(
                Map.of(
                    "principalType",
                    "USER",
                    "principalName",
                    "mallory",
                    "principalArn",
                    "arn:aws:iam::123456789012:user/mallory",
                    "accessKeyId",
                    "AKIAEXAMPLEKEY0001",
                    "sourceIp",
                    "203.0.113.66"))
            .build();
    publisher.publish(
        Topics.INCIDENTS_DETECTED,
        "fp-" + incidentId,
        IncidentDetected.newBuilder()
            .setMetadata(
                EventMetadata.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setIncidentId(incidentId)
                    .setCorrelationId(incidentId)
                    .setOccurredAt(now)
                    .setProducer("test")
                    .build())
            .setFingerprint("fp-" + incidentId)
            .setScenario(Scenario.SECURITY_BREACH)
            .setSeverity(Severity.P1)
            .setRegion("us-east-1")
            .setAffectedResources(List.of("entities"))
            .setSymptoms(List.of(evidence))
            .setImpactStartedAt(now)
            .setDetectedAt(now)
            .setDetectorId("detector-test")
            .build());
    String responder = ISSUER.token("rita.responder");
    await(() -> get("/api/incidents/" + incidentId, responder).statusCode() == 200);
    return incidentId;
  }

  /** The operator actions for the incident, read until at least {@code atLeast} arrived and 2 s more passed. */
  private List<IndexedRecord> operatorActions(String incidentId, int atLeast) {
    return records(Topics.OPERATOR_ACTIONS, incidentId, atLeast, IndexedRecord.class);
  }

  private <T> T timelineRecord(String incidentId, Class<T> type) {
    return records(Topics.INCIDENT_TIMELINE, incidentId, 1, type).get(0);
  }

  private <T> List<T> records(String topic, String incidentId, int atLeast, Class<T> type) {
    List<T> found = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "idp-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new AvroEventDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      long quietUntil = Long.MAX_VALUE;
      while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
          if (incidentId.equals(r.key()) && type.isInstance(r.value())) {
            found.add(type.cast(r.value()));
          }
        }
        if (found.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.currentTimeMillis() + 2_000;
        }
      }
    }
    assertThat(found).as(topic + " for " + incidentId).hasSizeGreaterThanOrEqualTo(atLeast);
    return found;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(200);
    }
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
