package io.drautopilot.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.validation.BackupRestoreVerified;
import io.drautopilot.contracts.validation.CheckFunctionsReadyCommand;
import io.drautopilot.contracts.validation.CheckServiceHealthCommand;
import io.drautopilot.contracts.validation.FunctionsReady;
import io.drautopilot.contracts.validation.PerformanceChecked;
import io.drautopilot.contracts.validation.RunPerformanceCheckCommand;
import io.drautopilot.contracts.validation.ServiceHealthChecked;
import io.drautopilot.contracts.validation.VerifyBackupRestoreCommand;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.SandboxStubs;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ChecksIT extends ServiceITBase {

  static final String SOURCE = "checks-entities";
  static final String SCRATCH = "backup-verification-test-1";
  HttpServer service;

  @BeforeAll
  void start() throws Exception {
    DynamoDbClient db = Dynalite.shared("primary").client();
    TestTables.create(db, SOURCE, true);
    TestTables.put(db, SOURCE, TestTables.goodItems(500));
    TestTables.create(db, SCRATCH, true);
    TestTables.put(db, SCRATCH, TestTables.goodItems(500));

    service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    service.setExecutor(Executors.newFixedThreadPool(4));
    service.createContext(
        "/graphql",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              """
          {"data":{"healthCheck":{"status":"healthy","database":{"entities":"healthy","events":"healthy","cache":"degraded"}}}}"""
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    service.start();
  }

  @AfterAll
  void stop() {
    service.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + service.getAddress().getPort() + "/graphql";
  }

  @Test
  void shouldReportEachComponentOfTheServicesHealth() throws Exception {
    ServiceHealthChecked result =
        send(
            CheckServiceHealthCommand.newBuilder()
                .setMetadata(commandMetadata("inc-health"))
                .setUrl(url())
                .setTimeoutMillis(2000)
                .build(),
            ServiceHealthChecked.class);

    assertThat(result.getHealthy()).isFalse();
    assertThat(result.getStatus()).isEqualTo("healthy");
    assertThat(result.getComponents())
        .containsEntry("entities", "healthy")
        .containsEntry("cache", "degraded");
  }

  @Test
  void shouldFindTheDisasterRecoveryRegionsFunctionsReady() throws Exception {
    SandboxStubs.reset();

    FunctionsReady ready = send(functionsReady("inc-dr-ready"), FunctionsReady.class);

    assertThat(ready.getRegion()).isEqualTo("us-west-2");
    assertThat(ready.getFunctionNames())
        .containsExactly("tyler-setup-entities-handler", "tyler-setup-events-handler");
    assertThat(ready.getFunctionArns())
        .allMatch(arn -> arn.startsWith("arn:aws:lambda:us-west-2:"));
  }

  @Test
  void shouldFailWithoutRetryNamingTheFunctionMissingInTheDisasterRecoveryRegion()
      throws Exception {
    SandboxStubs.reset();
    SandboxStubs.shared()
        .stubFor(
            get(urlPathEqualTo("/2015-03-31/functions/tyler-setup-events-handler"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                        .withBody("{\"Type\":\"User\",\"message\":\"Function not found\"}")));

    CommandFailure failure = send(functionsReady("inc-dr-not-ready"), CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("FunctionNotReady");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("tyler-setup-events-handler (not found)")
        .doesNotContain("tyler-setup-entities-handler");
  }

  static CheckFunctionsReadyCommand functionsReady(String incident) {
    return CheckFunctionsReadyCommand.newBuilder()
        .setMetadata(commandMetadata(incident))
        .setFunctionNames(List.of("tyler-setup-entities-handler", "tyler-setup-events-handler"))
        .setRegion("us-west-2")
        .build();
  }

  @Test
  void shouldMeasureDynamoDbReadsAndHttpRequests() throws Exception {
    PerformanceChecked reads =
        send(perf("dynamodb://us-east-1/" + SOURCE), PerformanceChecked.class);
    PerformanceChecked http = send(perf(url()), PerformanceChecked.class);
    CommandFailure bad = send(perf("ftp://nowhere"), CommandFailure.class);

    assertThat(reads.getRequests()).isEqualTo(200);
    assertThat(reads.getErrorRate()).isZero();
    assertThat(reads.getP50Millis()).isPositive().isLessThanOrEqualTo(reads.getP95Millis());
    assertThat(reads.getP95Millis()).isLessThanOrEqualTo(reads.getP99Millis());
    assertThat(http.getRequests()).isEqualTo(200);
    assertThat(http.getErrorRate()).isZero();
    assertThat(bad.getCode()).isEqualTo("InvalidCommand");
  }

  @Test
  void shouldKeepTheLoadOnForTheDurationAndReportProgressWhenADurationIsGiven() throws Exception {
    // given a two-second run whose request count alone would stop after one request
    RunPerformanceCheckCommand command =
        RunPerformanceCheckCommand.newBuilder(perf(url()))
            .setRequests(1)
            .setConcurrency(4)
            .setDurationSeconds(2)
            .build();

    // when
    PerformanceChecked result = send(command, PerformanceChecked.class);

    // then the count is the duration's, not the command's, and progress was reported while it ran
    assertThat(result.getRequests()).isGreaterThan(1);
    assertThat(result.getErrorRate()).isZero();
    assertThat(results.progressOf(command.getMetadata().getEventId()))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.getAction()).isEqualTo("RunPerformanceCheckCommand"));
  }

  RunPerformanceCheckCommand perf(String target) {
    return RunPerformanceCheckCommand.newBuilder()
        .setMetadata(commandMetadata("inc-perf"))
        .setTarget(target)
        .setRequests(200)
        .setConcurrency(4)
        .setP99ThresholdMillis(60_000)
        .setMaxErrorRate(0.0)
        .build();
  }

  @Test
  void shouldVerifyAScratchRestoreAgainstItsSourceAndReportTheRestoreDuration() throws Exception {
    BackupRestoreVerified result =
        send(
            VerifyBackupRestoreCommand.newBuilder()
                .setMetadata(commandMetadata("inc-backup"))
                .setScratchTableName(SCRATCH)
                .setSourceTableName(SOURCE)
                .setRegion("us-east-1")
                .setRestoreStartedAt(Instant.parse("2026-02-01T03:00:00Z"))
                .setRestoreCompletedAt(Instant.parse("2026-02-01T03:01:30Z"))
                .build(),
            BackupRestoreVerified.class);

    assertThat(result.getPassed()).isTrue();
    assertThat(result.getRestoreDurationMillis()).isEqualTo(90_000);
    assertThat(result.getValidation().getScannedItems()).isEqualTo(500);
    assertThat(result.getComparison().getMatches()).isTrue();
  }
}
