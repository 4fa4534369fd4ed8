package io.drautopilot.validation;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.S3rver;
import io.drautopilot.localstack.SandboxStubs;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.testsupport.ResultsTap;
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
 * One application context for every integration test of the service (the command listener's consumer
 * group must not be split between two contexts): the embedded broker, dynalite as two regions
 * (us-east-1 by default, us-west-2 by its own override), Lambda on the sandbox stubs and one extra rule
 * set, "strict".
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.aws.region=us-east-1",
      "dr.validation.rule-sets.strict.entity-types.Employee.required=email",
      "dr.validation.rule-sets.strict.entity-types.Employee.types.salary=N",
      "dr.validation.scan-page-size=250"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceITBase {

  @Autowired EventPublisher publisher;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  ResultsTap results;

  @DynamicPropertySource
  static void dynalite(DynamicPropertyRegistry registry) {
    registry.add(
        "dr.aws.endpoints.dynamodb", () -> Dynalite.shared("primary").endpoint().toString());
    registry.add(
        "dr.aws.endpoints.dynamodb.us-west-2",
        () -> Dynalite.shared("secondary").endpoint().toString());
    registry.add("dr.aws.endpoints.s3", () -> S3rver.shared().endpoint().toString());
    // Lambda (the DR region's functions): the sandbox stubs, failure stubs added by the test
    registry.add("dr.aws.endpoints.lambda", SandboxStubs::url);
  }

  @BeforeAll
  void openResults() {
    results = new ResultsTap(brokers);
  }

  @AfterAll
  void closeResults() {
    results.close();
  }

  static EventMetadata commandMetadata(String incident) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder()
        .setEventId(id)
        .setIncidentId(incident)
        .setCorrelationId("corr-" + incident)
        .setOccurredAt(Instant.now())
        .setProducer("orchestrator-it")
        .setRunbookId("table-corruption")
        .setRunbookVersion(1)
        .setStepId("validate")
        .setIdempotencyKey(id)
        .build();
  }

  /** Publishes the command and waits for its result's outcome. */
  <T> T send(SpecificRecord command, Class<T> outcome) throws InterruptedException {
    EventMetadata m = EventPublisher.metadataOf(command);
    publisher.publish(Topics.VALIDATION_COMMANDS, command);
    return results.awaitOutcome(m.getEventId(), outcome);
  }
}
