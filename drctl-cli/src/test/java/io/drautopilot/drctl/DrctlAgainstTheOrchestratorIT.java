package io.drautopilot.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.identity.IdentityProviderApplication;
import io.drautopilot.identity.ScriptedLogin;
import io.drautopilot.orchestrator.OrchestratorApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * drctl as people use it against the real orchestrator application (its API, its Kafka Streams engine on the embedded
 * broker, its signing key) and the real identity provider: a security breach (Scenario 3) detected, listed, shown,
 * acknowledged, its two-person gates approved and rejected by the security officers, the same officer refused a second
 * time with the API's reason, the run cancelled; then its timeline, report, verification and drill read back from the
 * topics.
 * The handlers are stood in for by a consumer that answers every command with its success, as the services would.
 */
class DrctlAgainstTheOrchestratorIT {

  static final String BROKERS = System.getProperty("spring.embedded.kafka.brokers");
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static ConfigurableApplicationContext provider;
  static ConfigurableApplicationContext orchestrator;
  static String issuer;
  static String api;
  static KeyPair signing;
  static Thread handlers;
  static final AtomicBoolean stop = new AtomicBoolean();

  @TempDir static Path state;

  @BeforeAll
  static void startTheProviderTheOrchestratorAndTheHandlers() throws Exception {
    provider =
        new SpringApplicationBuilder(IdentityProviderApplication.class)
            .bannerMode(Banner.Mode.OFF)
            .run(
                // the plain jars on this classpath carry their own application.yml: read none of
                // them
                "--spring.config.location=optional:classpath:/none.yml",
                "--server.port=0",
                "--dr.identity.users[0].username=oncall",
                "--dr.identity.users[0].password={noop}oncall-pw",
                "--dr.identity.users[0].roles=incident-responder",
                "--dr.identity.users[1].username=officer-a",
                "--dr.identity.users[1].password={noop}officer-a-pw",
                "--dr.identity.users[1].roles=security-officer,incident-responder",
                "--dr.identity.users[2].username=officer-b",
                "--dr.identity.users[2].password={noop}officer-b-pw",
                "--dr.identity.users[2].roles=security-officer,incident-responder");
    issuer = "http://localhost:" + provider.getEnvironment().getProperty("local.server.port");
    signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    orchestrator =
        new SpringApplicationBuilder(OrchestratorApplication.class)
            .bannerMode(Banner.Mode.OFF)
            .run(
                "--spring.config.location=file:"
                    + ownConfig(OrchestratorApplication.class, state.resolve("orchestrator.yml")),
                "--spring.application.name=orchestrator-service",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + BROKERS,
                // the provider's authorization server is on this classpath too: the orchestrator is
                // only its resource server
                "--spring.autoconfigure.exclude="
                    + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
                    + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
                "--dr.orchestrator.streams.state-dir=" + state.resolve("orchestrator-streams"),
                "--dr.orchestrator.tick-interval=500ms",
                "--dr.orchestrator.security.issuer=" + issuer,
                "--dr.audit.signing-key="
                    + Base64.getEncoder().encodeToString(signing.getPrivate().getEncoded()));
    api = "http://localhost:" + orchestrator.getEnvironment().getProperty("local.server.port");
    handlers = new Thread(DrctlAgainstTheOrchestratorIT::answerEveryCommand, "handlers");
    handlers.start();
  }

  @AfterAll
  static void stopEverything() throws Exception {
    stop.set(true);
    if (handlers != null) {
      handlers.join(10_000);
    }
    if (orchestrator != null) {
      orchestrator.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  @TempDir Path homes;

  @Test
  void shouldDriveABreachThroughItsTwoPersonGatesAndReadItBackFromTheTopics() throws Exception {
    Cli oncall = person("oncall", "oncall-pw");
    Cli officerA = person("officer-a", "officer-a-pw");
    Cli officerB = person("officer-b", "officer-b-pw");
    String incident = "inc-it-" + UUID.randomUUID();

    // given: the detector saw a Scan burst by a principal it does not know
    detect(incident);

    // when: on call finds it, looks at it and acknowledges it
    JsonNode listed =
        waitFor(
            oncall,
            List.of("incidents", "--open", "-o", "json"),
            json -> json.findValuesAsString("incidentId").contains(incident));
    assertThat(listed.toString()).contains("SECURITY_BREACH");
    Cli.Result table = oncall.run("incidents", "--open");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains(incident);
    Cli.Result ack = oncall.run("ack", incident, "--note", "on it");
    assertThat(ack.exitCode()).as(ack.err()).isZero();
    assertThat(ack.out()).startsWith("acknowledgement accepted for incident " + incident);

    // and: the security officers decide at the gates
    // (the orchestrator applies the acknowledgement as it reads it from dr.operator.actions)
    JsonNode gated =
        waitFor(
            officerA,
            List.of("show", incident, "-o", "json"),
            json ->
                awaiting(json, "contain-principal")
                    && json.path("incident").path("acknowledged").asBoolean(false));
    assertThat(gated.path("affectedResources").toString())
        .contains("candlefish-employee-setup-lean-prod-entities");
    Cli.Result first =
        officerA.run(
            "approve", incident, "contain-principal", "--comment", "confirmed in CloudTrail");
    assertThat(first.exitCode()).as(first.err()).isZero();
    waitFor(
        officerA,
        List.of("show", incident, "-o", "json"),
        json -> approvers(json, "contain-principal").contains("officer-a"));
    Cli.Result twice = officerA.run("approve", incident, "contain-principal");
    Cli.Result onlyResponder = oncall.run("approve", incident, "contain-principal");
    Cli.Result second =
        officerB.run("approve", incident, "contain-principal", "--comment", "agreed");
    JsonNode isolating =
        waitFor(
            officerB,
            List.of("show", incident, "-o", "json"),
            json -> awaitingLike(json, "isolate-data-access") != null);
    String isolate = awaitingLike(isolating, "isolate-data-access");
    Cli.Result rejected =
        officerB.run(
            "reject",
            incident,
            isolate,
            "--reason",
            "the service stays up; the principal is contained");
    waitFor(
        oncall,
        List.of("show", incident, "-o", "json"),
        json -> !status(json, isolate).equals("AWAITING_APPROVAL"));
    // cancelled once no command is out with a handler (its result would come after the incident
    // closed)
    waitFor(oncall, List.of("show", incident, "-o", "json"), json -> settled(json));
    Cli.Result cancel = oncall.run("cancel", incident, "--reason", "contained; the rest by hand");
    waitFor(
        oncall,
        List.of("show", incident, "-o", "json"),
        json -> json.path("incident").path("resolved").asBoolean(false));

    // then: the two-person rule held, with the API's reasons printed
    assertThat(twice.exitCode()).isEqualTo(DrctlException.NEGATIVE);
    assertThat(twice.err())
        .contains("officer-a has already approved step 'contain-principal'; another person must")
        .doesNotContain("\tat ");
    assertThat(onlyResponder.exitCode()).isEqualTo(DrctlException.NEGATIVE);
    assertThat(onlyResponder.err()).contains("needs role 'security-officer'");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(rejected.exitCode()).as(rejected.err()).isZero();
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    Cli.Result closed = oncall.run("cancel", incident, "--reason", "again");
    assertThat(closed.exitCode()).isEqualTo(DrctlException.NEGATIVE);

    // and: what happened, from the topics alone, names each person's decision and verifies against
    // the published key
    Path key = homes.resolve("chain-signing.pub.pem");
    Files.writeString(
        key,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getEncoder().encodeToString(signing.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    Cli investigator = new Cli(homes.resolve("investigator")).env("DRCTL_BOOTSTRAP", BROKERS);
    Cli.Result timeline =
        waitForResult(
            investigator, List.of("timeline", incident), r -> r.out().contains("IncidentClosed"));
    assertThat(timeline.out())
        .contains("IncidentOpened")
        .contains("IncidentAcknowledged")
        .contains("ApprovalGranted")
        .contains("ApprovalRejected")
        .contains("officer-a")
        .contains("officer-b")
        .contains("IncidentResolved");
    Cli.Result report = investigator.run("report", incident, "--public-key", key.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains(incident).contains("Audit Trail").contains("officer-b");
    Cli.Result verify = investigator.run("verify", incident, "--public-key", key.toString());
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("chain verified: ");

    // and: the recorded incident becomes a drill with its signal, path and RTO
    Path drillDir = homes.resolve("drill");
    Cli.Result drillFrom = investigator.run("drill-from", incident, "--to", drillDir.toString());
    assertThat(drillFrom.exitCode()).as(drillFrom.err()).isZero();
    IncidentDrill drill = IncidentDrill.read(drillDir);
    assertThat(drill.scenario()).isEqualTo("SECURITY_BREACH");
    assertThat(drill.runbook().id()).isEqualTo("security-breach");
    assertThat(drill.signals())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.symptoms().get(0).subjects())
                    .containsEntry("principalName", "mallory"));
    assertThat(drill.finalPath())
        .anySatisfy(
            p -> {
              assertThat(p.step()).isEqualTo("contain-principal");
              assertThat(p.outcome()).isEqualTo(IncidentDrill.StepOutcome.SUCCEEDED);
            });
    assertThat(drill.finalPath())
        .anySatisfy(
            p -> {
              assertThat(p.step()).isEqualTo(isolate);
              assertThat(p.outcome()).isEqualTo(IncidentDrill.StepOutcome.SKIPPED);
            });
    assertThat(drill.recovery().outcome()).isEqualTo("CANCELLED");
  }

  @Test
  void shouldSayInOneLineThatAnIncidentIsUnknownToTheOrchestrator() {
    Cli.Result r = person("oncall", "oncall-pw").run("show", "inc-nobody-raised");

    assertThat(r.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("drctl: ").contains("inc-nobody-raised");
  }

  /** A person who logged in with drctl: their own home, the token drctl login saves. */
  private Cli person(String username, String password) {
    Path home = homes.resolve(username);
    ScriptedLogin.Tokens tokens =
        new ScriptedLogin(URI.create(issuer)).deviceLogin("drctl", username, password);
    new StoredLogin(
            issuer,
            "drctl",
            StoredLogin.DEVICE,
            issuer + "/oauth2/token",
            tokens.accessToken(),
            tokens.refreshToken(),
            Instant.now().plusSeconds(tokens.expiresInSeconds()))
        .write(home.resolve(".config/drctl/token"));
    return new Cli(home).env("DRCTL_API", api).env("DRCTL_BOOTSTRAP", BROKERS);
  }

  private static void detect(String incident) {
    Instant now = Instant.now();
    Evidence scan =
        Evidence.newBuilder()
            .setSignal("cloudtrail:ScanBurst")
            .setResource("candlefish-employee-setup-lean-prod-entities")
            .setDetail("42 Scan calls in 60 s by a principal never seen before")
            .setObservedAt(now.minusSeconds(30))
            .setValue(42.0)
            .setSubjects(Map.of("principalType", "USER", "principalName", "mallory"))
            .build();
    IncidentDetected detection =
        IncidentDetected.newBuilder()
            .setMetadata(
                EventMetadata.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setIncidentId(incident)
                    .setCorrelationId(incident)
                    .setOccurredAt(now)
                    .setProducer("detector-it")
                    .build())
            .setFingerprint("breach-" + incident)
            .setScenario(Scenario.SECURITY_BREACH)
            .setSeverity(Severity.P1)
            .setRegion("us-east-1")
            .setAffectedResources(List.of("candlefish-employee-setup-lean-prod-entities"))
            .setSymptoms(List.of(scan))
            .setImpactStartedAt(now.minusSeconds(60))
            .setDetectedAt(now)
            .setDetectorId("detector-it")
            .build();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(
          new ProducerRecord<>(
              Topics.INCIDENTS_DETECTED,
              detection.getFingerprint(),
              EventCodec.shared().encode(detection)));
    }
  }

  /** The handlers: every command on the command topics answered with its success, keyed by its incident. */
  private static void answerEveryCommand() {
    try (KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    BROKERS,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "drctl-it-handlers",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = producer()) {
      consumer.subscribe(
          List.of(
              Topics.RESTORE_COMMANDS,
              Topics.VALIDATION_COMMANDS,
              Topics.NOTIFIER_COMMANDS,
              Topics.CONTAINMENT_COMMANDS));
      while (!stop.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          IndexedRecord command = IncidentRecords.decode(r.value());
          producer.send(
              new ProducerRecord<>(
                  Topics.COMMAND_RESULTS,
                  r.key(),
                  EventCodec.shared().encode(RecordedIncident.succeeded(command, Instant.now()))));
        }
        producer.flush();
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Runs the command until its JSON output satisfies {@code until} (the orchestrator applies decisions asynchronously). */
  private static JsonNode waitFor(Cli cli, List<String> args, Predicate<JsonNode> until)
      throws Exception {
    Cli.Result last =
        waitForResult(
            cli,
            args,
            r -> {
              try {
                return r.exitCode() == 0 && until.test(Output.JSON.readTree(r.out()));
              } catch (JacksonException e) {
                return false;
              }
            });
    return Output.JSON.readTree(last.out());
  }

  private static Cli.Result waitForResult(Cli cli, List<String> args, Predicate<Cli.Result> until)
      throws InterruptedException {
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    Cli.Result last;
    do {
      last = cli.run(args.toArray(String[]::new));
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < giveUp);
    throw new AssertionError(
        "drctl "
            + String.join(" ", args)
            + " never showed what was waited for; last exit "
            + last.exitCode()
            + "\n"
            + last.out()
            + last.err());
  }

  private static boolean awaiting(JsonNode detail, String step) {
    return status(detail, step).equals("AWAITING_APPROVAL");
  }

  /** No step has a command out with a handler. */
  private static boolean settled(JsonNode detail) {
    for (JsonNode s : detail.path("steps")) {
      if (List.of("RUNNING", "RETRY_WAIT").contains(s.path("status").asString())) {
        return false;
      }
    }
    return true;
  }

  private static String status(JsonNode detail, String step) {
    for (JsonNode s : detail.path("steps")) {
      if (s.path("stepId").asString().equals(step)) {
        return s.path("status").asString();
      }
    }
    return "";
  }

  /** The first step awaiting approval whose id starts with {@code prefix} (a per-table step's copy), or null. */
  private static String awaitingLike(JsonNode detail, String prefix) {
    for (JsonNode s : detail.path("steps")) {
      if (s.path("stepId").asString().startsWith(prefix)
          && s.path("status").asString().equals("AWAITING_APPROVAL")) {
        return s.path("stepId").asString();
      }
    }
    return null;
  }

  private static List<String> approvers(JsonNode detail, String step) {
    for (JsonNode s : detail.path("steps")) {
      if (s.path("stepId").asString().equals(step)) {
        return toList(s.path("approvers"));
      }
    }
    return List.of();
  }

  private static List<String> toList(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  /**
   * The service's own application.yml, copied out of its jar: every plain jar on this classpath carries one, and on
   * one classpath they would shadow each other (the sandbox's launcher does the same).
   */
  private static Path ownConfig(Class<?> application, Path to) throws IOException {
    URL jar = application.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader own = new URLClassLoader(new URL[] {jar}, null);
        InputStream in = own.getResourceAsStream("application.yml")) {
      if (in == null) {
        throw new IllegalStateException("no application.yml in " + jar);
      }
      Files.copy(in, to);
    }
    return to;
  }
}
