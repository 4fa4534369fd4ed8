package io.drautopilot.validation.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.aws.ActionRefused;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsFailures;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.localstack.SandboxStubs;
import io.drautopilot.validation.adapter.aws.LambdaFunctionReadiness.ReadyFunction;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Lambda GetFunction (REST-JSON, signed) against WireMock with AWS-shaped answers: ready, missing, Pending, Failed. */
class LambdaFunctionReadinessIT {

  static final String ENTITIES = "tyler-setup-entities-handler";
  static final String EVENTS = "tyler-setup-events-handler";
  final WireMockServer aws = SandboxStubs.shared();
  RegionalClients<LambdaClient> clients;
  LambdaFunctionReadiness readiness;

  @BeforeEach
  void setUp() {
    SandboxStubs.reset();
    AwsProperties p = new AwsProperties();
    p.setStaticCredentials(true);
    p.setRegion("us-east-1");
    p.getEndpoints().put("lambda", SandboxStubs.url());
    AwsClientFactory factory = new AwsClientFactory(p);
    clients =
        new RegionalClients<>(
            region ->
                factory.client(
                    LambdaClient.builder(),
                    "lambda",
                    region,
                    c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
    readiness = new LambdaFunctionReadiness(clients);
  }

  @AfterEach
  void close() {
    clients.close();
  }

  @Test
  void shouldFindEveryFunctionReadyInTheDisasterRecoveryRegion() {
    List<ReadyFunction> ready = readiness.check("us-west-2", List.of(ENTITIES, EVENTS));

    assertThat(ready).extracting(ReadyFunction::functionName).containsExactly(ENTITIES, EVENTS);
    assertThat(ready.get(1).functionArn())
        .isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:" + EVENTS);
    assertThat(ready.get(0).codeSha256()).isNotBlank();
    // asked in the DR region, signed for it
    aws.verify(
        getRequestedFor(urlPathEqualTo("/2015-03-31/functions/" + EVENTS))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=[^/]+/\\d+/us-west-2/lambda/aws4_request.*")));
  }

  @Test
  void shouldRefuseWithoutRetryingWhenAFunctionIsMissingInTheRegion() {
    aws.stubFor(
        get(urlPathEqualTo("/2015-03-31/functions/" + EVENTS))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-RequestId", "req-missing-1")
                    .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                    .withBody(
                        "{\"Type\":\"User\",\"message\":\"Function not found: arn:aws:lambda:us-west-2:123456789012:function:"
                            + EVENTS
                            + "\"}")));

    CommandFailure failure =
        failureOf(() -> readiness.check("us-west-2", List.of(ENTITIES, EVENTS)));

    assertThat(failure.getCode()).isEqualTo("FunctionNotReady");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getMessage())
        .isEqualTo("not ready in us-west-2: " + EVENTS + " (not found)");
  }

  @Test
  void shouldNameEachFunctionThatIsPendingOrWhoseLastUpdateFailed() {
    aws.stubFor(
        get(urlPathEqualTo("/2015-03-31/functions/" + ENTITIES))
            .atPriority(1)
            .willReturn(function(ENTITIES, "Pending", "InProgress", null)));
    aws.stubFor(
        get(urlPathEqualTo("/2015-03-31/functions/" + EVENTS))
            .atPriority(1)
            .willReturn(function(EVENTS, "Active", "Failed", "EniLimitExceeded")));

    CommandFailure failure =
        failureOf(() -> readiness.check("us-west-2", List.of(ENTITIES, EVENTS)));

    assertThat(failure.getCode()).isEqualTo("FunctionNotReady");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getMessage())
        .isEqualTo(
            "not ready in us-west-2: "
                + ENTITIES
                + " (State Pending, LastUpdateStatus InProgress), "
                + EVENTS
                + " (State Active, LastUpdateStatus Failed: ENI limit reached)");
  }

  @Test
  void shouldNotCallAnEmptyListOfFunctionsReady() {
    Throwable refused = catchThrowable(() -> readiness.check("us-west-2", List.of()));

    assertThat(refused).isInstanceOf(ActionRefused.class);
    assertThat(((ActionRefused) refused).retryable()).isFalse();
    assertThat(aws.getAllServeEvents()).isEmpty();
  }

  static CommandFailure failureOf(Runnable call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).isNotNull();
    return AwsFailures.ofAny(t);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder function(
      String name, String state, String lastUpdateStatus, String reason) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
        {"Configuration":{"FunctionName":"%s","FunctionArn":"arn:aws:lambda:us-west-2:123456789012:function:%s",
        "Runtime":"nodejs20.x","State":"%s","LastUpdateStatus":"%s"%s,"PackageType":"Zip","Version":"$LATEST"},
        "Code":{"RepositoryType":"S3","Location":"https://example.invalid/code"}}"""
                .formatted(
                    name,
                    name,
                    state,
                    lastUpdateStatus,
                    reason == null
                        ? ""
                        : ",\"LastUpdateStatusReason\":\"ENI limit reached\",\"LastUpdateStatusReasonCode\":\""
                            + reason
                            + "\""));
  }
}
