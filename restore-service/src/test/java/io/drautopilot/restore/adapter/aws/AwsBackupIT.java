package io.drautopilot.restore.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.dynamoCall;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.dynamoError;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.dynamoOk;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.drautopilot.aws.AwsFailures;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.localstack.SandboxStubs;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.domain.RestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AWS Backup (REST-JSON, signed) against WireMock: finding recovery points and restoring from one. */
class AwsBackupIT {

  static final String ENTITIES = "candlefish-employee-setup-lean-prod-entities";
  final WireMockServer aws = SandboxStubs.shared();
  final RegionalClients<software.amazon.awssdk.services.dynamodb.DynamoDbClient> dynamo =
      ControlPlaneStubs.dynamo();
  final AwsBackupApi backup = new AwsBackupApi(ControlPlaneStubs.signedJson());
  final BackupRestorer restorer =
      new BackupRestorer(backup, dynamo, Duration.ofMillis(10), Duration.ofSeconds(10));
  final RestorePointFinder finder = new RestorePointFinder(dynamo, null, backup);

  @BeforeEach
  void reset() {
    SandboxStubs.reset();
  }

  @Test
  void shouldFindTheLatestRecoveryPointBeforeTheImpactInTheCrossRegionVault() {
    RestorePoint point =
        finder.find(
            new RestorePointFinder.Query(
                ENTITIES,
                "us-east-1",
                Instant.parse("2026-01-15T09:00:00Z"),
                "candlefish-employee-setup-lean-prod-vault",
                "us-west-2",
                null));

    assertThat(point.kind()).isEqualTo(RestorePoint.Kind.AWS_BACKUP);
    assertThat(point.location()).endsWith("recovery-point:5b2e7c1a-0000-4000-8000-000000000001");
    assertThat(point.pointInTime()).isEqualTo(Instant.ofEpochSecond(1768384800L));
    aws.verify(
        getRequestedFor(
                urlPathMatching(
                    "/backup-vaults/candlefish-employee-setup-lean-prod-vault/recovery-points/?"))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=sandbox/\\d+/us-west-2/backup/aws4_request.*")));
  }

  @Test
  void shouldFallBackToTheTablesRecoveryPointsWhenPitrIsNotEnabled() {
    aws.stubFor(
        dynamoCall("DescribeContinuousBackups", ENTITIES)
            .willReturn(
                dynamoOk(
                    "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
                        + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}")));
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES)
            .willReturn(dynamoOk(table(ENTITIES, "ACTIVE", null))));

    RestorePoint point =
        finder.find(
            new RestorePointFinder.Query(
                ENTITIES, "us-east-1", Instant.parse("2026-01-16T00:00:00Z"), null, null, null));

    assertThat(point.kind()).isEqualTo(RestorePoint.Kind.AWS_BACKUP);
    assertThat(point.location()).endsWith("7d41f0aa-0000-4000-8000-000000000002");
    aws.verify(
        getRequestedFor(
            urlPathEqualTo(
                "/resources/arn%3Aaws%3Adynamodb%3Aus-east-1%3A123456789012%3Atable%2F"
                    + ENTITIES
                    + "/recovery-points/")));
  }

  @Test
  void shouldStartTheRestoreJobWithTheIdempotencyTokenAndFollowItToCompletion() {
    // absent before the restore, then the table the job created (during the sandbox stub's job
    // window)
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES + "-recovery")
            .inScenario("table")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("restored")
            .willReturn(
                dynamoError(
                    400, "ResourceNotFoundException", "Requested resource not found", "req-nf")));
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES + "-recovery")
            .inScenario("table")
            .whenScenarioStateIs("restored")
            .willReturn(
                dynamoOk(createdAt(table(ENTITIES + "-recovery", "ACTIVE", null), 1768473200L))));
    aws.stubFor(
        get(urlPathMatching("/restore-jobs/.+"))
            .atPriority(1)
            .inScenario("job")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("done")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"RestoreJobId\":\"d1a7c0de-0000-4000-8000-000000000001\",\"Status\":\"RUNNING\",\"PercentDone\":\"42.00%\"}")));
    List<Long> percents = new ArrayList<>();

    BackupRestorer.Restored restored =
        restorer.restore(
            "arn:aws:backup:us-west-2:123456789012:recovery-point:5b2e7c1a-0000-4000-8000-000000000002",
            ENTITIES + "-recovery",
            "us-west-2",
            "arn:aws:iam::123456789012:role/backup-role",
            "inc-1:restore:key",
            false,
            (done, total, rate, message) -> percents.add(done));

    aws.verify(
        1,
        putRequestedFor(urlPathEqualTo("/restore-jobs"))
            .withRequestBody(matchingJsonPath("$.IdempotencyToken", equalTo("inc-1:restore:key")))
            .withRequestBody(
                matchingJsonPath("$.Metadata.targetTableName", equalTo(ENTITIES + "-recovery")))
            .withRequestBody(
                matchingJsonPath(
                    "$.IamRoleArn", equalTo("arn:aws:iam::123456789012:role/backup-role"))));
    assertThat(restored.restoreJobId()).isEqualTo("d1a7c0de-0000-4000-8000-000000000001");
    assertThat(restored.createdResourceArn()).endsWith(":table/" + ENTITIES + "-recovery");
    assertThat(percents).containsExactly(42L, 100L);
  }

  @Test
  void shouldRefuseToRestoreABackupOverAnExistingTableUnlessTheCommandIsRedelivered() {
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES + "-recovery")
            .willReturn(dynamoOk(table(ENTITIES + "-recovery", "ACTIVE", null))));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "arn:rp",
                        ENTITIES + "-recovery",
                        "us-west-2",
                        "arn:role",
                        "token-1",
                        false,
                        ProgressListener.NONE)));
    BackupRestorer.Restored resumed =
        restorer.restore(
            "arn:rp",
            ENTITIES + "-recovery",
            "us-west-2",
            "arn:role",
            "token-1",
            true,
            ProgressListener.NONE);

    assertThat(failure.getCode()).isEqualTo("TargetTableNotRecoveryTarget");
    assertThat(resumed.restoreJobId()).isNotBlank();
    aws.verify(
        1,
        putRequestedFor(urlPathEqualTo("/restore-jobs"))
            .withRequestBody(matchingJsonPath("$.IdempotencyToken", equalTo("token-1"))));
  }

  @Test
  void shouldTypeBackupAccessDeniedAsNonRetryableWithTheRequestId() {
    aws.stubFor(
        dynamoCall("DescribeTable", null)
            .willReturn(
                dynamoError(
                    400, "ResourceNotFoundException", "Requested resource not found", "req-nf")));
    aws.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/restore-jobs"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-RequestId", "req-backup-denied")
                    .withHeader(
                        "x-amzn-ErrorType",
                        "AccessDeniedException:http://internal.amazon.com/coral/")
                    .withBody(
                        "{\"Message\":\"not authorized to perform backup:StartRestoreJob\"}")));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "arn:rp",
                        "t-recovery",
                        "us-west-2",
                        "arn:role",
                        "token-2",
                        false,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("AccessDeniedException");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-backup-denied");
  }

  static String createdAt(String tableJson, long epochSeconds) {
    return tableJson.replace(
        "\"TableStatus\"", "\"CreationDateTime\":" + epochSeconds + ".0,\"TableStatus\"");
  }

  @Test
  void shouldNotReportARestoreWhoseTableWasDeletedAfterTheJobCompleted() {
    // the same token hands back the job that completed earlier, but its table has been dropped
    // since
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES + "-recovery")
            .willReturn(
                dynamoError(
                    400, "ResourceNotFoundException", "Requested resource not found", "req-nf")));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "arn:rp",
                        ENTITIES + "-recovery",
                        "us-west-2",
                        "arn:role",
                        "token-3",
                        true,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("RestoredTableGone");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("d1a7c0de-0000-4000-8000-000000000001", "no longer exists");
  }

  @Test
  void shouldNotReportARestoreWhenTheTableWasCreatedAgainAfterTheJob() {
    // a redelivered command finds a table of that name, created a day after the job it gets back
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES + "-recovery")
            .willReturn(
                dynamoOk(
                    createdAt(
                        table(ENTITIES + "-recovery", "ACTIVE", null), 1768473300L + 86_400L))));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "arn:rp",
                        ENTITIES + "-recovery",
                        "us-west-2",
                        "arn:role",
                        "token-4",
                        true,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("TargetTableNotRecoveryTarget");
    assertThat(failure.getMessage()).contains("not by restore job");
  }

  static final String VAULT = "candlefish-employee-setup-lean-prod-vault";

  void pitrWindow(String earliest, String latest) {
    aws.stubFor(
        dynamoCall("DescribeContinuousBackups", ENTITIES)
            .willReturn(
                dynamoOk(
                    "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
                        + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"ENABLED\","
                        + "\"EarliestRestorableDateTime\":"
                        + Instant.parse(earliest).getEpochSecond()
                        + ".0,"
                        + "\"LatestRestorableDateTime\":"
                        + Instant.parse(latest).getEpochSecond()
                        + ".0}}}")));
  }

  @Test
  void shouldChoosePitrOverAnHourOldVaultBackupWithTheShippedDefaults() {
    // the vault's newest backup is 10:00, the impact started at 11:00, PITR reaches up to 11:55
    pitrWindow("2026-01-10T00:00:00Z", "2026-01-15T11:55:00Z");
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES)
            .willReturn(dynamoOk(table(ENTITIES, "ACTIVE", null))));
    Instant impact = Instant.parse("2026-01-15T11:00:00Z");

    RestorePointFinder.Choice choice =
        finder.choose(
            new RestorePointFinder.Query(ENTITIES, "us-east-1", impact, VAULT, null, null));

    assertThat(choice.point().kind()).isEqualTo(RestorePoint.Kind.PITR);
    assertThat(choice.point().pointInTime()).isEqualTo(impact);
    assertThat(choice.reason())
        .contains(
            "chose PITR at 2026-01-15T11:00:00Z",
            "AWS Backup vault " + VAULT,
            "AWS_BACKUP at 2026-01-15T10:00:00Z");
  }

  @Test
  void shouldChooseTheVaultBackupOverANewerPitrPointWhenOnlyAwsBackupIsAskedFor() {
    // the monthly backup verification tests AWS Backup itself, even where PITR would lose less
    pitrWindow("2026-01-10T00:00:00Z", "2026-01-15T11:55:00Z");
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES)
            .willReturn(dynamoOk(table(ENTITIES, "ACTIVE", null))));

    RestorePointFinder.Choice choice =
        finder.choose(
            new RestorePointFinder.Query(
                ENTITIES,
                "us-east-1",
                Instant.parse("2026-01-15T11:00:00Z"),
                VAULT,
                null,
                null,
                RestorePoint.Kind.AWS_BACKUP));

    assertThat(choice.point().kind()).isEqualTo(RestorePoint.Kind.AWS_BACKUP);
    assertThat(choice.point().pointInTime()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
    assertThat(choice.reason()).contains("only AWS_BACKUP asked for");
  }

  @Test
  void shouldChooseTheVaultBackupWhenItIsTheOnlyRestorePoint() {
    aws.stubFor(
        dynamoCall("DescribeContinuousBackups", ENTITIES)
            .willReturn(
                dynamoOk(
                    "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
                        + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}")));
    aws.stubFor(
        dynamoCall("DescribeTable", ENTITIES)
            .willReturn(dynamoOk(table(ENTITIES, "ACTIVE", null))));
    aws.stubFor(
        get(urlPathMatching("/resources/.+/recovery-points/?"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"RecoveryPoints\":[]}")));

    RestorePointFinder.Choice choice =
        finder.choose(
            new RestorePointFinder.Query(
                ENTITIES, "us-east-1", Instant.parse("2026-01-15T11:00:00Z"), VAULT, null, null));

    assertThat(choice.point().kind()).isEqualTo(RestorePoint.Kind.AWS_BACKUP);
    assertThat(choice.point().location())
        .endsWith("recovery-point:5b2e7c1a-0000-4000-8000-000000000002");
    assertThat(choice.reason()).contains("PITR: not enabled", "AWS Backup (table): none");
  }
}
