package io.drautopilot.restore.it;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.S3rver;
import io.drautopilot.localstack.SandboxStubs;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.testsupport.ResultsTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every command-level test, as the sandbox runs the service: the embedded
 * broker, dynalite as two regions (us-east-1 by default, us-west-2 by its own override), WireMock for
 * every other AWS service, fast waits. Every Spring test extends it: a second context would join the
 * command dispatcher's consumer group and take some of the commands away.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.aws.region=us-east-1",
      "dr.restore.wait.poll-interval=20ms",
      "dr.restore.wait.timeout=20s",
      "dr.restore.validation.wait-for-result=3s"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RestoreServiceITBase {

  static final Path WORK = createWork();

  @Autowired protected EventPublisher publisher;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  protected ResultsTap results;

  @DynamicPropertySource
  static void endpoints(DynamicPropertyRegistry registry) {
    registry.add(
        "dr.aws.endpoints.dynamodb", () -> Dynalite.shared("primary").endpoint().toString());
    registry.add(
        "dr.aws.endpoints.dynamodb.us-west-2",
        () -> Dynalite.shared("secondary").endpoint().toString());
    registry.add("dr.aws.endpoints.s3", () -> S3rver.shared().endpoint().toString());
    registry.add("dr.aws.endpoints.default", SandboxStubs::url);
    registry.add("dr.restore.work-directory", WORK::toString);
  }

  private static Path createWork() {
    try {
      return Files.createTempDirectory("restore-it");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  void openResults() {
    results = new ResultsTap(brokers);
  }

  @AfterAll
  void closeResults() {
    results.close();
  }

  protected static EventMetadata commandMetadata(String incident, String step) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder()
        .setEventId(id)
        .setIncidentId(incident)
        .setCorrelationId("corr-" + incident)
        .setOccurredAt(Instant.now())
        .setProducer("orchestrator-it")
        .setRunbookId("table-corruption")
        .setRunbookVersion(1)
        .setStepId(step)
        .setIdempotencyKey(incident + ":" + step + ":" + id)
        .build();
  }

  /** Publishes the command on the restore topic and waits for its result's outcome. */
  protected <T> T send(SpecificRecord command, Class<T> outcome) {
    EventMetadata m = EventPublisher.metadataOf(command);
    publisher.publish(Topics.RESTORE_COMMANDS, command);
    return results.awaitOutcome(m.getEventId(), outcome);
  }
}
