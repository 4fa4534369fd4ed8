package io.drautopilot.containment.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.containment.adapter.aws.AwsStubs;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.containment.AccessKeysDeactivated;
import io.drautopilot.contracts.containment.AuditEventsExported;
import io.drautopilot.contracts.containment.ContainPrincipalCommand;
import io.drautopilot.contracts.containment.DeactivateAccessKeysCommand;
import io.drautopilot.contracts.containment.ExportAuditEventsCommand;
import io.drautopilot.contracts.containment.KeyDeletionScheduled;
import io.drautopilot.contracts.containment.PrincipalContained;
import io.drautopilot.contracts.containment.PrincipalType;
import io.drautopilot.contracts.containment.ScheduleKeyDeletionCommand;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.testsupport.ResultsTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Commands in on {@value Topics#CONTAINMENT_COMMANDS}, typed results out on {@value Topics#COMMAND_RESULTS},
 * as the sandbox runs the service: the embedded broker, every AWS call answered by WireMock.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.aws.region=us-east-1",
      "dr.containment.protected-principals=role/break-glass-*,user/incident-commander"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainmentCommandsIT {

  static final Path EVIDENCE = createEvidence();
  static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

  @Autowired EventPublisher publisher;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  ResultsTap results;

  @DynamicPropertySource
  static void endpoints(DynamicPropertyRegistry registry) {
    registry.add("dr.aws.endpoints.default", AwsStubs::url);
    registry.add("dr.containment.evidence-location", EVIDENCE::toString);
  }

  @BeforeAll
  void openResults() {
    results = new ResultsTap(brokers);
  }

  @AfterAll
  void closeResults() {
    results.close();
  }

  @BeforeEach
  void sandboxStubsOnly() {
    AwsStubs.reset();
  }

  @Test
  void shouldContainACompromisedUserAndAnswerWithTheTypedResult() {
    // given the sandbox IAM user without the deny-all policy; when
    PrincipalContained contained =
        send(
            ContainPrincipalCommand.newBuilder()
                .setMetadata(metadata("inc-1", "contain-principal"))
                .setPrincipalType(PrincipalType.USER)
                .setPrincipalName("mallory")
                .build(),
            PrincipalContained.class);

    // then
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachUserPolicy&"))
                .withRequestBody(containing("UserName=mallory")));
    assertThat(contained.getPolicyArn()).isEqualTo(DENY_ALL);
    assertThat(contained.getAttachedPoliciesBefore()).doesNotContain(DENY_ALL);
    assertThat(contained.getAttachedPoliciesAfter()).contains(DENY_ALL);
  }

  @Test
  void shouldRefuseToContainAProtectedBreakGlassRole() {
    CommandFailure failure =
        send(
            ContainPrincipalCommand.newBuilder()
                .setMetadata(metadata("inc-2", "contain-principal"))
                .setPrincipalType(PrincipalType.ROLE)
                .setPrincipalName("break-glass-admin")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("ProtectedPrincipal");
    assertThat(failure.getRetryable()).isFalse();
    AwsStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void shouldRefuseToDeactivateAccessKeysOfAProtectedUser() {
    // given the incident commander on the protect-list; when
    CommandFailure failure =
        send(
            DeactivateAccessKeysCommand.newBuilder()
                .setMetadata(metadata("inc-2b", "deactivate-access-keys"))
                .setUserName("incident-commander")
                .build(),
            CommandFailure.class);

    // then refused before any IAM call: not even ListAccessKeys
    assertThat(failure.getCode()).isEqualTo("ProtectedPrincipal");
    assertThat(failure.getRetryable()).isFalse();
    AwsStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void shouldDeactivateEveryUsersKeysButTheProtectedUsersWhenAllUsersIsAsked() {
    // given the account's users: the compromised one, a CI user and the protected incident
    // commander; when
    AccessKeysDeactivated result =
        send(
            DeactivateAccessKeysCommand.newBuilder()
                .setMetadata(metadata("inc-2c", "deactivate-all-access-keys"))
                .setUserName("COMPROMISED_USER")
                .setAllUsers(true)
                .build(),
            AccessKeysDeactivated.class);

    // then both unprotected users' active keys are made inactive
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=UpdateAccessKey&"))
                .withRequestBody(containing("UserName=COMPROMISED_USER")));
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=UpdateAccessKey&"))
                .withRequestBody(containing("UserName=ci-deployer")));
    // and the protected user is not even listed, let alone changed, and the result says so
    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("UserName=incident-commander")));
    assertThat(result.getSkippedProtectedUsers()).containsExactly("incident-commander");
    assertThat(result.getDeactivatedCount()).isEqualTo(2);
    assertThat(result.getKeys())
        .extracting(k -> k.getUserName())
        .contains("COMPROMISED_USER", "ci-deployer")
        .doesNotContain("incident-commander");
  }

  @Test
  void shouldReturnTheRecordedResultAndNotAttachTwiceWhenACommandIsRedelivered() {
    ContainPrincipalCommand command =
        ContainPrincipalCommand.newBuilder()
            .setMetadata(metadata("inc-3", "contain-principal"))
            .setPrincipalType(PrincipalType.USER)
            .setPrincipalName("mallory")
            .build();
    PrincipalContained first = send(command, PrincipalContained.class);

    // when the very same command arrives again (same event id, same idempotency key)
    ContainPrincipalCommand again = ContainPrincipalCommand.newBuilder(command).build();
    publisher.publish(Topics.CONTAINMENT_COMMANDS, again);

    // then a second result with the same outcome, and IAM was changed once
    assertThat(
            results.awaitOutcomes(command.getMetadata().getEventId(), 2, PrincipalContained.class))
        .containsOnly(first);
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AttachUserPolicy&")));
  }

  @Test
  void shouldAnswerAccessDeniedWithATypedFailureCarryingTheRequestId() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing("Action=AttachRolePolicy&"))
                .willReturn(
                    AwsStubs.queryError(
                        403,
                        "AccessDenied",
                        "not authorized to perform: iam:AttachRolePolicy",
                        "req-denied-it")));

    CommandFailure failure =
        send(
            ContainPrincipalCommand.newBuilder()
                .setMetadata(metadata("inc-4", "contain-principal"))
                .setPrincipalType(PrincipalType.ROLE)
                .setPrincipalName("tyler-setup-lambda")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("AccessDenied");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-denied-it");
  }

  @Test
  void shouldRefuseAKeyDeletionApprovedByOnlyOnePerson() {
    CommandFailure failure =
        send(
            ScheduleKeyDeletionCommand.newBuilder()
                .setMetadata(metadata("inc-5", "schedule-key-deletion"))
                .setKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")
                .setPendingWindowInDays(7)
                .setApprovedBy(List.of("alice", "alice"))
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("TwoPersonApprovalRequired");
    AwsStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/")));
  }

  @Test
  void shouldScheduleAKeyDeletionApprovedByTwoPeople() {
    KeyDeletionScheduled scheduled =
        send(
            ScheduleKeyDeletionCommand.newBuilder()
                .setMetadata(metadata("inc-6", "schedule-key-deletion"))
                .setKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")
                .setPendingWindowInDays(7)
                .setApprovedBy(List.of("alice", "bob"))
                .build(),
            KeyDeletionScheduled.class);

    assertThat(scheduled.getKeyStateBefore()).isEqualTo("Enabled");
    assertThat(scheduled.getKeyStateAfter()).isEqualTo("PendingDeletion");
    assertThat(scheduled.getApprovedBy()).containsExactly("alice", "bob");
  }

  @Test
  void shouldExportTheIncidentWindowToTheConfiguredEvidenceDirectory() throws Exception {
    AuditEventsExported exported =
        send(
            ExportAuditEventsCommand.newBuilder()
                .setMetadata(metadata("inc-7", "export-audit-events"))
                .setStartTime(Instant.parse("2024-01-15T00:00:00Z"))
                .setEndTime(Instant.parse("2024-01-16T00:00:00Z"))
                .build(),
            AuditEventsExported.class);

    assertThat(Path.of(exported.getLocation())).startsWith(EVIDENCE).exists();
    assertThat(exported.getEventCount()).isEqualTo(1);
    assertThat(Files.readString(Path.of(exported.getLocation()))).contains("COMPROMISED_USER");
  }

  @Test
  void shouldFailAnExportWhoseLogKeepsAnsweringTheSamePageTokenInsteadOfLoopingForEver() {
    // given CloudWatch Logs answering every page with one event and the same next token
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(
                            "{\"events\":[{\"eventId\":\"e1\",\"timestamp\":1705312800000,\"message\":\"{}\"}],"
                                + "\"nextToken\":\"same-token\"}")));

    // when
    CommandFailure failure =
        send(
            ExportAuditEventsCommand.newBuilder()
                .setMetadata(metadata("inc-7b", "export-audit-events"))
                .setStartTime(Instant.parse("2024-01-15T00:00:00Z"))
                .setEndTime(Instant.parse("2024-01-16T00:00:00Z"))
                .build(),
            CommandFailure.class);

    // then a clear failure after the token came back once, and nothing half-exported kept as
    // evidence
    assertThat(failure.getCode()).isEqualTo("ExportDidNotProgress");
    assertThat(failure.getMessage()).contains("already returned");
    assertThat(
            AwsStubs.server()
                .findAll(
                    postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))))
        .hasSize(2);
  }

  @Test
  void shouldRetryThrottlingWithinTheSdkAndThenAnswerARetryableFailure() {
    AwsStubs.server()
        .stubFor(
            post(urlPathEqualTo("/"))
                .atPriority(1)
                .withHeader("X-Amz-Target", equalTo("TrentService.DescribeKey"))
                .willReturn(
                    AwsStubs.jsonError(
                        400, "ThrottlingException", "Rate exceeded", "req-kms-throttled-it")));

    CommandFailure failure =
        send(
            ScheduleKeyDeletionCommand.newBuilder()
                .setMetadata(metadata("inc-8", "schedule-key-deletion"))
                .setKeyId("busy-key")
                .setPendingWindowInDays(7)
                .setApprovedBy(List.of("alice", "bob"))
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("ThrottlingException");
    assertThat(failure.getRetryable()).isTrue();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-kms-throttled-it");
    // the SDK's own retries (its default strategy, backoff included) first, then the orchestrator's
    // step retry takes over
    assertThat(
            AwsStubs.server()
                .findAll(
                    postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("TrentService.DescribeKey"))))
        .hasSizeGreaterThan(1);
    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.ScheduleKeyDeletion")));
  }

  static EventMetadata metadata(String incident, String step) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder()
        .setEventId(id)
        .setIncidentId(incident)
        .setCorrelationId("corr-" + incident)
        .setOccurredAt(Instant.now())
        .setProducer("orchestrator-it")
        .setRunbookId("security-breach")
        .setRunbookVersion(2)
        .setStepId(step)
        .setIdempotencyKey(incident + "/" + step + "/1")
        .build();
  }

  <T> T send(SpecificRecord command, Class<T> outcome) {
    EventMetadata m = EventPublisher.metadataOf(command);
    publisher.publish(Topics.CONTAINMENT_COMMANDS, command);
    return results.awaitOutcome(m.getEventId(), outcome);
  }

  private static Path createEvidence() {
    try {
      return Files.createTempDirectory("containment-evidence");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
