package io.drautopilot.restore.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.restore.CircuitBreakerState;
import io.drautopilot.contracts.restore.CutOverTableCommand;
import io.drautopilot.contracts.restore.FunctionConfigurationUpdated;
import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.ValidateTableResult;
import io.drautopilot.localstack.SandboxStubs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Circuit breaker and table cutover on Lambda (WireMock with AWS-shaped responses), and the validation gate. */
class LambdaCommandsIT extends RestoreServiceITBase {

  static final String PATH = "/2015-03-31/functions/tyler-setup-entities-handler/configuration";

  @BeforeEach
  void sandboxStubsOnly() {
    SandboxStubs.reset();
  }

  @Test
  void shouldOpenTheCircuitBreakerByMergingIntoEveryExistingVariableAndWaitForTheUpdateToFinish() {
    // given the update is still in progress at the first look after it
    SandboxStubs.shared()
        .stubFor(
            get(urlPathEqualTo(PATH))
                .inScenario("update")
                .whenScenarioStateIs("updated")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"FunctionName\":\"tyler-setup-entities-handler\",\"RevisionId\":\"rev-2\","
                                + "\"LastUpdateStatus\":\"InProgress\"}"))
                .willSetStateTo("finished"));
    SandboxStubs.shared()
        .stubFor(
            put(urlPathEqualTo(PATH))
                .inScenario("update")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"FunctionName\":\"tyler-setup-entities-handler\",\"RevisionId\":\"rev-2\","
                                + "\"LastUpdateStatus\":\"InProgress\"}"))
                .willSetStateTo("updated"));

    // when
    FunctionConfigurationUpdated updated =
        send(
            SetCircuitBreakerCommand.newBuilder()
                .setMetadata(commandMetadata("inc-cb", "isolate"))
                .setFunctionName("tyler-setup-entities-handler")
                .setVariableName("CIRCUIT_BREAKER_ENTITIES")
                .setState(CircuitBreakerState.OPEN)
                .setRegion("us-east-1")
                .build(),
            FunctionConfigurationUpdated.class);

    // then every variable is still there, only the breaker changed, and the update was waited for
    SandboxStubs.shared()
        .verify(
            1,
            putRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(
                    matchingJsonPath(
                        "$.Environment.Variables.CIRCUIT_BREAKER_ENTITIES", equalTo("OPEN")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.Environment.Variables.ENTITY_TABLE",
                        equalTo("candlefish-employee-setup-lean-prod-entities")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.Environment.Variables.EVENT_TABLE",
                        equalTo("candlefish-employee-setup-lean-prod-events")))
                .withRequestBody(
                    matchingJsonPath("$.Environment.Variables.NODE_ENV", equalTo("production")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.RevisionId", equalTo("8f3c2a1e-0000-4000-8000-000000000001"))));
    SandboxStubs.shared().verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    assertThat(updated.getChangedVariables())
        .containsOnly(Map.entry("CIRCUIT_BREAKER_ENTITIES", "OPEN"));
    assertThat(updated.getPreviousValues())
        .containsOnly(Map.entry("CIRCUIT_BREAKER_ENTITIES", "CLOSED"));
  }

  @Test
  void shouldNotSendASecondUpdateWhenTheBreakerIsAlreadyInTheWantedState() {
    FunctionConfigurationUpdated updated =
        send(
            SetCircuitBreakerCommand.newBuilder()
                .setMetadata(commandMetadata("inc-cb2", "isolate"))
                .setFunctionName("tyler-setup-entities-handler")
                .setVariableName("CIRCUIT_BREAKER_ENTITIES")
                .setState(CircuitBreakerState.CLOSED)
                .setRegion("us-east-1")
                .build(),
            FunctionConfigurationUpdated.class);

    SandboxStubs.shared().verify(0, putRequestedFor(urlPathEqualTo(PATH)));
    assertThat(updated.getPreviousValues()).containsEntry("CIRCUIT_BREAKER_ENTITIES", "CLOSED");
  }

  @Test
  void shouldRefuseToCutOverToATableWhoseLatestValidationDidNotPass() {
    publishValidation("inc-cut-bad", "entities-recovery-bad", false);

    CommandFailure failure =
        send(cutOver("inc-cut-bad", "entities-recovery-bad", null), CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("ValidationNotPassed");
    assertThat(failure.getRetryable()).isFalse();
    SandboxStubs.shared().verify(0, putRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void shouldCutOverToATableWhoseCitedValidationPassed() {
    String validationId = publishValidation("inc-cut-ok", "entities-recovery-ok", true);

    FunctionConfigurationUpdated updated =
        send(
            cutOver("inc-cut-ok", "entities-recovery-ok", validationId),
            FunctionConfigurationUpdated.class);

    assertThat(updated.getChangedVariables())
        .containsOnly(Map.entry("ENTITY_TABLE", "entities-recovery-ok"));
    assertThat(updated.getPreviousValues())
        .containsOnly(Map.entry("ENTITY_TABLE", "candlefish-employee-setup-lean-prod-entities"));
    SandboxStubs.shared()
        .verify(
            1,
            putRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(
                    matchingJsonPath(
                        "$.Environment.Variables.ENTITY_TABLE", equalTo("entities-recovery-ok")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.Environment.Variables.CIRCUIT_BREAKER_ENTITIES", equalTo("CLOSED"))));
  }

  @Test
  void shouldRefuseToCutOverToATableNeverValidated() {
    CommandFailure failure =
        send(cutOver("inc-cut-none", "entities-never-validated", null), CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("ValidationNotFound");
    SandboxStubs.shared().verify(0, putRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void shouldTurnAccessDeniedIntoANonRetryableFailureWithTheAwsRequestId() {
    SandboxStubs.shared()
        .stubFor(
            get(urlPathEqualTo("/2015-03-31/functions/locked-down/configuration"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-RequestId", "req-denied-1")
                        .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                        .withBody(
                            "{\"Type\":\"User\",\"Message\":\"User is not authorized to perform: lambda:GetFunctionConfiguration\"}")));

    CommandFailure failure =
        send(
            SetCircuitBreakerCommand.newBuilder()
                .setMetadata(commandMetadata("inc-denied", "isolate"))
                .setFunctionName("locked-down")
                .setVariableName("CIRCUIT_BREAKER_ENTITIES")
                .setState(CircuitBreakerState.OPEN)
                .setRegion("us-east-1")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("AccessDeniedException");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-denied-1");
  }

  @Test
  void shouldTurnThrottlingIntoARetryableFailure() {
    SandboxStubs.shared()
        .stubFor(
            get(urlPathEqualTo("/2015-03-31/functions/busy/configuration"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-RequestId", "req-throttled-1")
                        .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                        .withBody(
                            "{\"Type\":\"User\",\"message\":\"Rate exceeded\",\"retryAfterSeconds\":\"1\"}")));

    CommandFailure failure =
        send(
            SetCircuitBreakerCommand.newBuilder()
                .setMetadata(commandMetadata("inc-busy", "isolate"))
                .setFunctionName("busy")
                .setVariableName("CIRCUIT_BREAKER_ENTITIES")
                .setState(CircuitBreakerState.OPEN)
                .setRegion("us-east-1")
                .build(),
            CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("TooManyRequestsException");
    assertThat(failure.getRetryable()).isTrue();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-throttled-1");
  }

  CutOverTableCommand cutOver(String incident, String table, String validationId) {
    return CutOverTableCommand.newBuilder()
        .setMetadata(commandMetadata(incident, "cutover"))
        .setFunctionName("tyler-setup-entities-handler")
        .setVariableName("ENTITY_TABLE")
        .setTableName(table)
        .setRegion("us-east-1")
        .setValidationEventId(validationId)
        .build();
  }

  String publishValidation(String incident, String table, boolean passed) {
    ValidateTableResult result =
        ValidateTableResult.newBuilder()
            .setMetadata(commandMetadata(incident, "validate"))
            .setOutcome(
                TableValidated.newBuilder()
                    .setTableName(table)
                    .setPassed(passed)
                    .setKeySchemaMatches(true)
                    .setScannedItems(1000)
                    .setValidItems(passed ? 1000 : 990)
                    .setInvalidItems(passed ? 0 : 10)
                    .setInvalidKeys(List.of())
                    .setViolations(Map.of())
                    .setDurationMillis(5)
                    .build())
            .build();
    publisher.publish(Topics.COMMAND_RESULTS, result);
    return result.getMetadata().getEventId();
  }
}
