package io.drautopilot.restore.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.dynamoCall;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.dynamoError;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.dynamoOk;
import static io.drautopilot.restore.adapter.aws.ControlPlaneStubs.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.localstack.SandboxStubs;
import io.drautopilot.messaging.command.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RestoreTableToPointInTime against WireMock answering as DynamoDB's control plane does. */
class PointInTimeRestorerIT {

  static final Instant POINT = Instant.parse("2026-01-15T10:30:00Z");
  static final String PITR_ENABLED =
      "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
          + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"ENABLED\","
          + "\"EarliestRestorableDateTime\":1767225600.0,\"LatestRestorableDateTime\":1768473000.0}}}";

  final WireMockServer aws = SandboxStubs.shared();
  final PointInTimeRestorer restorer =
      new PointInTimeRestorer(
          ControlPlaneStubs.dynamo(), Duration.ofMillis(10), Duration.ofSeconds(10));

  @BeforeEach
  void reset() {
    SandboxStubs.reset();
  }

  void givenTheSourceHasPitrTtlAndTags() {
    aws.stubFor(
        dynamoCall("DescribeContinuousBackups", "entities").willReturn(dynamoOk(PITR_ENABLED)));
    aws.stubFor(
        dynamoCall("DescribeTable", "entities")
            .willReturn(dynamoOk(table("entities", "ACTIVE", null))));
    aws.stubFor(
        dynamoCall("DescribeTimeToLive", "entities")
            .willReturn(
                dynamoOk(
                    "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"ENABLED\",\"AttributeName\":\"expiresAt\"}}")));
    aws.stubFor(
        dynamoCall("DescribeTimeToLive", "entities-recovery")
            .willReturn(
                dynamoOk("{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"DISABLED\"}}")));
    aws.stubFor(
        dynamoCall("ListTagsOfResource", null)
            .willReturn(
                dynamoOk(
                    "{\"Tags\":[{\"Key\":\"service\",\"Value\":\"tyler-setup\"},{\"Key\":\"stage\",\"Value\":\"prod\"}]}")));
    aws.stubFor(
        dynamoCall("RestoreTableToPointInTime", null)
            .willReturn(
                dynamoOk(
                    "{\"TableDescription\":{\"TableName\":\"entities-recovery\",\"TableStatus\":\"CREATING\"}}")));
    aws.stubFor(dynamoCall("UpdateContinuousBackups", null).willReturn(dynamoOk(PITR_ENABLED)));
    aws.stubFor(
        dynamoCall("UpdateTimeToLive", null)
            .willReturn(
                dynamoOk(
                    "{\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"expiresAt\"}}")));
    aws.stubFor(dynamoCall("TagResource", null).willReturn(dynamoOk("{}")));
  }

  @Test
  void shouldRestoreIntoTheRecoveryTableWaitForActiveAndReapplyPitrTtlAndTags() {
    givenTheSourceHasPitrTtlAndTags();
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .inScenario("restore")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("creating")
            .willReturn(
                dynamoError(
                    400, "ResourceNotFoundException", "Requested resource not found", "req-nf")));
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .inScenario("restore")
            .whenScenarioStateIs("creating")
            .willSetStateTo("active")
            .willReturn(dynamoOk(table("entities-recovery", "CREATING", null))));
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .inScenario("restore")
            .whenScenarioStateIs("active")
            .willReturn(dynamoOk(table("entities-recovery", "ACTIVE", null))));
    List<String> progress = new ArrayList<>();

    PointInTimeRestorer.Restored restored =
        restorer.restore(
            "entities",
            "entities-recovery",
            "us-east-1",
            POINT,
            (done, total, rate, message) -> progress.add(message));

    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.RestoreTableToPointInTime"))
            .withRequestBody(matchingJsonPath("$.SourceTableName", equalTo("entities")))
            .withRequestBody(matchingJsonPath("$.TargetTableName", equalTo("entities-recovery")))
            .withRequestBody(matchingJsonPath("$[?(@.RestoreDateTime == 1768473000)]")));
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateTimeToLive"))
            .withRequestBody(
                matchingJsonPath("$.TimeToLiveSpecification.AttributeName", equalTo("expiresAt"))));
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.TagResource"))
            .withRequestBody(
                matchingJsonPath(
                    "$.ResourceArn",
                    equalTo("arn:aws:dynamodb:us-east-1:123456789012:table/entities-recovery"))));
    assertThat(restored.reappliedSettings()).containsExactly("PITR", "TTL", "tags");
    assertThat(restored.resumed()).isFalse();
    assertThat(progress).anyMatch(m -> m.contains("CREATING")).anyMatch(m -> m.contains("ACTIVE"));
  }

  @Test
  void shouldResumeWaitingInsteadOfStartingASecondRestoreWhenTheTargetIsThisRestore() {
    givenTheSourceHasPitrTtlAndTags();
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .willReturn(
                dynamoOk(
                    table(
                        "entities-recovery",
                        "ACTIVE",
                        "{\"SourceTableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/entities\","
                            + "\"RestoreDateTime\":1768473000.0,\"RestoreInProgress\":false}"))));

    PointInTimeRestorer.Restored restored =
        restorer.restore(
            "entities", "entities-recovery", "us-east-1", POINT, ProgressListener.NONE);

    assertThat(restored.resumed()).isTrue();
    aws.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.RestoreTableToPointInTime")));
  }

  @Test
  void shouldRefuseToRestoreOverAnExistingTableThatIsNotTheRecoveryTarget() {
    givenTheSourceHasPitrTtlAndTags();
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .willReturn(dynamoOk(table("entities-recovery", "ACTIVE", null))));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "entities",
                        "entities-recovery",
                        "us-east-1",
                        POINT,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("TargetTableNotRecoveryTarget");
    assertThat(failure.getRetryable()).isFalse();
    aws.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.RestoreTableToPointInTime")));
  }

  @Test
  void shouldRefuseWhenPointInTimeRecoveryIsNotEnabled() {
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .willReturn(
                dynamoError(
                    400, "ResourceNotFoundException", "Requested resource not found", "req-nf")));
    aws.stubFor(
        dynamoCall("DescribeContinuousBackups", "entities")
            .willReturn(
                dynamoOk(
                    "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"ENABLED\","
                        + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}")));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "entities",
                        "entities-recovery",
                        "us-east-1",
                        POINT,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("PointInTimeRecoveryNotEnabled");
    assertThat(failure.getRetryable()).isFalse();
  }

  @Test
  void shouldReportTableAlreadyExistsAsNonRetryableWithTheAwsRequestId() {
    givenTheSourceHasPitrTtlAndTags();
    aws.stubFor(
        dynamoCall("DescribeTable", "entities-recovery")
            .willReturn(
                dynamoError(
                    400, "ResourceNotFoundException", "Requested resource not found", "req-nf")));
    aws.stubFor(
        dynamoCall("RestoreTableToPointInTime", null)
            .atPriority(0)
            .willReturn(
                dynamoError(
                    400,
                    "TableAlreadyExistsException",
                    "Table already exists: entities-recovery",
                    "req-exists-7")));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "entities",
                        "entities-recovery",
                        "us-east-1",
                        POINT,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("TableAlreadyExistsException");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-exists-7");
  }

  @Test
  void shouldReportThrottlingAsRetryable() {
    aws.stubFor(
        dynamoCall("DescribeTable", null)
            .atPriority(0)
            .willReturn(
                dynamoError(
                    400,
                    "ThrottlingException",
                    "Rate of requests exceeds the allowed throughput.",
                    "req-thr-1")));

    CommandFailure failure =
        AwsFailures.ofAny(
            catchThrowable(
                () ->
                    restorer.restore(
                        "entities",
                        "entities-recovery",
                        "us-east-1",
                        POINT,
                        ProgressListener.NONE)));

    assertThat(failure.getCode()).isEqualTo("ThrottlingException");
    assertThat(failure.getRetryable()).isTrue();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-thr-1");
  }
}
