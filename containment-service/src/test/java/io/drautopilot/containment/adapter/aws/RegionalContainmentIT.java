package io.drautopilot.containment.adapter.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.drautopilot.containment.adapter.aws.IamContainmentIT.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.drautopilot.containment.adapter.file.DirectoryEvidenceStore;
import io.drautopilot.containment.domain.EvidenceStore;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.containment.AuditEventsExported;
import io.drautopilot.contracts.containment.KeyDeletionScheduled;
import io.drautopilot.contracts.containment.SecretRotated;
import io.drautopilot.contracts.containment.VpcFlowLogsEnabled;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** EC2 flow logs, CloudWatch Logs export, Secrets Manager and KMS against WireMock with AWS-shaped answers. */
class RegionalContainmentIT {

  static final String PATTERN =
      "{ ($.eventName = GetItem) || ($.eventName = Query) || ($.eventName = Scan) }";
  static final Instant START = Instant.parse("2024-01-15T00:00:00Z");
  static final Instant END = Instant.parse("2024-01-16T00:00:00Z");

  @TempDir Path evidence;

  final FlowLogsEnabler flowLogs =
      new FlowLogsEnabler(
          AwsStubs.regional(() -> AwsStubs.client(Ec2Client.builder(), "us-east-1")));
  final SecretRotation secrets =
      new SecretRotation(
          AwsStubs.regional(() -> AwsStubs.client(SecretsManagerClient.builder(), "us-east-1")));
  final KeyDeletionScheduler kms =
      new KeyDeletionScheduler(
          AwsStubs.regional(() -> AwsStubs.client(KmsClient.builder(), "us-east-1")));

  @BeforeEach
  void sandboxStubsOnly() {
    AwsStubs.reset();
  }

  AuditEventExport export(EvidenceStore store) {
    return new AuditEventExport(
        AwsStubs.regional(() -> AwsStubs.client(CloudWatchLogsClient.builder(), "us-east-1")),
        destination -> store);
  }

  static MappingBuilder ec2(String action) {
    return post(urlPathEqualTo("/"))
        .atPriority(1)
        .withRequestBody(containing("Action=" + action + "&"));
  }

  static MappingBuilder target(String target) {
    return post(urlPathEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo(target));
  }

  // ---- EC2 flow logs

  @Test
  void shouldCreateAFlowLogToCloudWatchLogsWithTheCommandsClientToken() {
    VpcFlowLogsEnabled enabled =
        flowLogs.enable(
            "vpc-12345678",
            "/aws/vpc/flowlogs",
            "arn:aws:iam::000000000000:role/flow-logs",
            "ALL",
            null,
            "token-1");

    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=CreateFlowLogs&"))
                .withRequestBody(containing("ResourceId.1=vpc-12345678"))
                .withRequestBody(containing("ResourceType=VPC"))
                .withRequestBody(containing("TrafficType=ALL"))
                .withRequestBody(containing("LogDestinationType=cloud-watch-logs"))
                .withRequestBody(containing("LogGroupName=%2Faws%2Fvpc%2Fflowlogs"))
                .withRequestBody(containing("ClientToken=token-1")));
    assertThat(enabled.getFlowLogId()).isEqualTo("fl-0sandbox0000000001");
    assertThat(enabled.getAlreadyEnabled()).isFalse();
    assertThat(enabled.getFlowLogIdsBefore()).isEmpty();
  }

  @Test
  void shouldNotCreateASecondFlowLogWhenOneAlreadyDeliversToTheGroup() {
    AwsStubs.server()
        .stubFor(
            ec2("DescribeFlowLogs")
                .willReturn(
                    AwsStubs.xml(
                        "<DescribeFlowLogsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><flowLogSet>"
                            + "<item><flowLogId>fl-existing</flowLogId><resourceId>vpc-12345678</resourceId><flowLogStatus>ACTIVE</flowLogStatus>"
                            + "<deliverLogsStatus>SUCCESS</deliverLogsStatus><logDestinationType>cloud-watch-logs</logDestinationType>"
                            + "<logGroupName>/aws/vpc/flowlogs</logGroupName><trafficType>ALL</trafficType></item></flowLogSet>"
                            + "</DescribeFlowLogsResponse>")));

    VpcFlowLogsEnabled enabled =
        flowLogs.enable(
            "vpc-12345678", "/aws/vpc/flowlogs", "arn:aws:iam::0:role/r", "ALL", null, "t");

    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=CreateFlowLogs&")));
    assertThat(enabled.getAlreadyEnabled()).isTrue();
    assertThat(enabled.getFlowLogId()).isEqualTo("fl-existing");
    assertThat(enabled.getFlowLogIdsAfter()).containsExactly("fl-existing");
  }

  @Test
  void shouldReportAFlowLogEc2DidNotCreateAsAFailure() {
    AwsStubs.server()
        .stubFor(
            ec2("CreateFlowLogs")
                .willReturn(
                    AwsStubs.xml(
                        "<CreateFlowLogsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><unsuccessful><item>"
                            + "<error><code>InvalidParameter</code><message>Access error: the role cannot write to the log group</message></error>"
                            + "<resourceId>vpc-12345678</resourceId></item></unsuccessful><flowLogIdSet/></CreateFlowLogsResponse>")));

    CommandFailure failure =
        failureOf(
            () ->
                flowLogs.enable(
                    "vpc-12345678",
                    "/aws/vpc/flowlogs",
                    "arn:aws:iam::0:role/r",
                    "ALL",
                    null,
                    "t"));

    assertThat(failure.getCode()).isEqualTo("InvalidParameter");
    assertThat(failure.getMessage()).contains("cannot write to the log group");
  }

  @Test
  void shouldTurnEc2UnauthorizedOperationIntoANonRetryableFailureWithTheRequestId() {
    AwsStubs.server()
        .stubFor(
            ec2("DescribeFlowLogs")
                .willReturn(
                    AwsStubs.ec2Error(
                        403,
                        "UnauthorizedOperation",
                        "You are not authorized to perform this operation.",
                        "req-ec2-denied")));

    CommandFailure failure =
        failureOf(
            () ->
                flowLogs.enable(
                    "vpc-1", "/aws/vpc/flowlogs", "arn:aws:iam::0:role/r", "ALL", null, "t"));

    assertThat(failure.getCode()).isEqualTo("UnauthorizedOperation");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-ec2-denied");
  }

  // ---- CloudWatch Logs export to the evidence store

  @Test
  void shouldExportEveryPageOfTheIncidentWindowAsJsonLinesOnce() throws Exception {
    AwsStubs.server()
        .stubFor(
            target("Logs_20140328.FilterLogEvents")
                .withRequestBody(matchingJsonPath("$.nextToken", equalTo("page-2")))
                .willReturn(
                    AwsStubs.json(
                        "{\"events\":["
                            + event("e-2")
                            + ","
                            + event("e-3")
                            + "],\"searchedLogStreams\":[]}")));
    AwsStubs.server()
        .stubFor(
            target("Logs_20140328.FilterLogEvents")
                .atPriority(2)
                .willReturn(
                    AwsStubs.json(
                        "{\"events\":["
                            + event("e-1")
                            + "],\"nextToken\":\"page-2\",\"searchedLogStreams\":[]}")));
    AuditEventExport export = export(new DirectoryEvidenceStore(evidence));

    AuditEventsExported first =
        export.export("inc-7", "/aws/cloudtrail", START, END, PATTERN, null, null);
    AuditEventsExported again =
        export.export("inc-7", "/aws/cloudtrail", START, END, PATTERN, null, null);

    AwsStubs.server()
        .verify(
            2,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
                .withRequestBody(matchingJsonPath("$.logGroupName", equalTo("/aws/cloudtrail")))
                .withRequestBody(matchingJsonPath("$.filterPattern", equalTo(PATTERN)))
                .withRequestBody(matchingJsonPath("$.startTime", equalTo("1705276800000")))
                .withRequestBody(matchingJsonPath("$.endTime", equalTo("1705363200000"))));
    assertThat(first.getEventCount()).isEqualTo(3);
    assertThat(first.getAlreadyExported()).isFalse();
    List<String> lines = Files.readAllLines(Path.of(first.getLocation()));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .contains("\"eventId\":\"e-1\"")
        .contains("\"timestamp\":\"2024-01-15T12:00:00Z\"");
    assertThat(again.getAlreadyExported()).isTrue();
    assertThat(again.getSha256()).isEqualTo(first.getSha256());
    assertThat(again.getEventCount()).isEqualTo(3);
  }

  @Test
  void shouldExportTheSeedsDayBeforeDetectionWhenTheIncidentWindowIsShorter() throws Exception {
    // given an incident whose impact start is 470 ms before detection, and a breach three hours
    // earlier that only a
    // query reaching back a day returns
    Instant detected = Instant.parse("2024-01-16T00:00:00Z");
    Instant impact = detected.minusMillis(470);
    AwsStubs.server()
        .stubFor(
            target("Logs_20140328.FilterLogEvents")
                .withRequestBody(matchingJsonPath("$.startTime", equalTo("1705276800000")))
                .willReturn(
                    AwsStubs.json(
                        "{\"events\":[" + event("breach-scan") + "],\"searchedLogStreams\":[]}")));
    AwsStubs.server()
        .stubFor(
            target("Logs_20140328.FilterLogEvents")
                .atPriority(2)
                .willReturn(AwsStubs.json("{\"events\":[],\"searchedLogStreams\":[]}")));

    // when its audit events are exported
    AuditEventsExported exported =
        export(new DirectoryEvidenceStore(evidence))
            .export("inc-10", "/aws/cloudtrail", impact, detected, PATTERN, null, null);

    // then the query covers the 24 hours before detection, as the seed's filter-log-events does,
    // and finds the breach
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("Logs_20140328.FilterLogEvents"))
                .withRequestBody(matchingJsonPath("$.startTime", equalTo("1705276800000")))
                .withRequestBody(matchingJsonPath("$.endTime", equalTo("1705363200000"))));
    assertThat(exported.getStartTime()).isEqualTo(detected.minus(java.time.Duration.ofHours(24)));
    assertThat(exported.getEndTime()).isEqualTo(detected);
    assertThat(exported.getEventCount()).isEqualTo(1);
    assertThat(Files.readAllLines(Path.of(exported.getLocation())))
        .singleElement()
        .asString()
        .contains("\"eventId\":\"breach-scan\"");
  }

  @Test
  void shouldBoundTheExportToTheConfiguredMaximumWhenTheImpactStartIsOlder() {
    // given a week-old impact start and an export allowed to reach back two days at most
    AwsStubs.server()
        .stubFor(
            target("Logs_20140328.FilterLogEvents")
                .willReturn(AwsStubs.json("{\"events\":[],\"searchedLogStreams\":[]}")));
    AuditEventExport bounded =
        new AuditEventExport(
            AwsStubs.regional(() -> AwsStubs.client(CloudWatchLogsClient.builder(), "us-east-1")),
            destination -> new DirectoryEvidenceStore(evidence),
            new io.drautopilot.containment.domain.AuditWindow(
                java.time.Duration.ofHours(24), java.time.Duration.ofDays(2)));

    // when exported
    AuditEventsExported exported =
        bounded.export(
            "inc-11",
            "/aws/cloudtrail",
            END.minus(java.time.Duration.ofDays(7)),
            END,
            PATTERN,
            null,
            null);

    // then the query starts two days before the end
    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(
                    matchingJsonPath(
                        "$.startTime",
                        equalTo(
                            String.valueOf(
                                END.minus(java.time.Duration.ofDays(2)).toEpochMilli())))));
    assertThat(exported.getStartTime()).isEqualTo(END.minus(java.time.Duration.ofDays(2)));
  }

  @Test
  void shouldTurnLogsThrottlingIntoARetryableFailureAndStoreNothing() throws Exception {
    AwsStubs.server()
        .stubFor(
            target("Logs_20140328.FilterLogEvents")
                .willReturn(
                    AwsStubs.jsonError(
                        400, "ThrottlingException", "Rate exceeded", "req-logs-throttled")));

    CommandFailure failure =
        failureOf(
            () ->
                export(new DirectoryEvidenceStore(evidence))
                    .export("inc-8", "/aws/cloudtrail", START, END, PATTERN, null, null));

    assertThat(failure.getCode()).isEqualTo("ThrottlingException");
    assertThat(failure.getRetryable()).isTrue();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-logs-throttled");
    try (var files = Files.list(evidence)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void shouldWriteEvidenceToS3OnlyIfNoObjectIsThere() {
    AwsStubs.server()
        .stubFor(
            head(urlPathEqualTo(
                    "/forensics/evidence/inc-9/audit-events/aws_cloudtrail-1705276800000-1705363200000.jsonl"))
                .willReturn(aResponse().withStatus(404)));
    AwsStubs.server()
        .stubFor(
            put(urlPathEqualTo(
                    "/forensics/evidence/inc-9/audit-events/aws_cloudtrail-1705276800000-1705363200000.jsonl"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"etag\"")));
    S3Client s3 = AwsStubs.client(S3Client.builder().forcePathStyle(true), "us-east-1");

    AuditEventsExported exported =
        export(new S3EvidenceStore(s3, URI.create("s3://forensics/evidence")))
            .export("inc-9", "/aws/cloudtrail", START, END, PATTERN, null, null);

    AwsStubs.server()
        .verify(
            1,
            putRequestedFor(
                    urlPathEqualTo(
                        "/forensics/evidence/inc-9/audit-events/aws_cloudtrail-1705276800000-1705363200000.jsonl"))
                .withHeader("If-None-Match", equalTo("*"))
                .withHeader("x-amz-meta-records", equalTo("1"))
                .withHeader("x-amz-meta-sha256", equalTo(exported.getSha256())));
    assertThat(exported.getLocation())
        .isEqualTo(
            "s3://forensics/evidence/inc-9/audit-events/aws_cloudtrail-1705276800000-1705363200000.jsonl");
    s3.close();
  }

  static String event(String id) {
    return "{\"logStreamName\":\"000000000000_CloudTrail_us-east-1\",\"timestamp\":1705320000000,\"ingestionTime\":1705320005000,"
        + "\"eventId\":\""
        + id
        + "\",\"message\":\"{\\\"eventName\\\":\\\"Scan\\\"}\"}";
  }

  // ---- Secrets Manager

  @Test
  void shouldStartARotationAndRecordVersionIdsButNeverValues() {
    SecretRotated rotated =
        secrets.rotate(
            "candlefish-employee-setup-lean/database-credentials",
            null,
            "33333333-3333-4333-8333-333333333333");

    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.RotateSecret"))
                .withRequestBody(
                    matchingJsonPath(
                        "$.ClientRequestToken", equalTo("33333333-3333-4333-8333-333333333333"))));
    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
    assertThat(rotated.getCurrentVersionBefore()).isEqualTo("11111111-1111-4111-8111-111111111111");
    assertThat(rotated.getNewVersionId()).isEqualTo("22222222-2222-4222-8222-222222222222");
    assertThat(rotated.getAlreadyRotated()).isFalse();
    assertThat(rotated.getRotationEnabledBefore()).isTrue();
  }

  @Test
  void shouldNotRotateAgainWhenThisCommandsVersionAlreadyExists() {
    AwsStubs.server()
        .stubFor(
            target("secretsmanager.DescribeSecret")
                .willReturn(
                    AwsStubs.json(
                        "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:0:secret:db\",\"Name\":\"db\",\"RotationEnabled\":true,"
                            + "\"VersionIdsToStages\":{\"11111111-1111-4111-8111-111111111111\":[\"AWSPREVIOUS\"],"
                            + "\"33333333-3333-4333-8333-333333333333\":[\"AWSCURRENT\"]}}")));

    SecretRotated rotated = secrets.rotate("db", null, "33333333-3333-4333-8333-333333333333");

    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.RotateSecret")));
    assertThat(rotated.getAlreadyRotated()).isTrue();
    assertThat(rotated.getNewVersionId()).isEqualTo("33333333-3333-4333-8333-333333333333");
  }

  @Test
  void shouldTurnSecretsManagerAccessDeniedIntoATypedFailure() {
    AwsStubs.server()
        .stubFor(
            target("secretsmanager.RotateSecret")
                .willReturn(
                    AwsStubs.jsonError(
                        400,
                        "AccessDeniedException",
                        "not authorized to perform secretsmanager:RotateSecret",
                        "req-sm-denied")));

    CommandFailure failure =
        failureOf(() -> secrets.rotate("db", null, "33333333-3333-4333-8333-333333333333"));

    assertThat(failure.getCode()).isEqualTo("AccessDeniedException");
    assertThat(failure.getRetryable()).isFalse();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-sm-denied");
  }

  // ---- KMS

  @Test
  void shouldScheduleTheDeletionAndRecordTheKeyStateBeforeAndAfter() {
    KeyDeletionScheduled scheduled =
        kms.schedule("1234abcd-12ab-34cd-56ef-1234567890ab", 7, List.of("alice", "bob"), null);

    AwsStubs.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.ScheduleKeyDeletion"))
                .withRequestBody(matchingJsonPath("$.PendingWindowInDays", equalTo("7"))));
    assertThat(scheduled.getKeyStateBefore()).isEqualTo("Enabled");
    assertThat(scheduled.getKeyStateAfter()).isEqualTo("PendingDeletion");
    assertThat(scheduled.getDeletionDate()).isEqualTo(Instant.ofEpochSecond(1705917600L));
    assertThat(scheduled.getApprovedBy()).containsExactly("alice", "bob");
    assertThat(scheduled.getAlreadyPending()).isFalse();
  }

  @Test
  void shouldNotScheduleAgainWhenDeletionIsAlreadyPending() {
    AwsStubs.server()
        .stubFor(
            target("TrentService.DescribeKey")
                .willReturn(
                    AwsStubs.json(
                        "{\"KeyMetadata\":{\"KeyId\":\"k\",\"Arn\":\"arn:aws:kms:us-east-1:0:key/k\",\"KeyState\":\"PendingDeletion\","
                            + "\"DeletionDate\":1705917600.0,\"PendingDeletionWindowInDays\":7}}")));

    KeyDeletionScheduled scheduled = kms.schedule("k", 30, List.of("alice", "bob"), null);

    AwsStubs.server()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.ScheduleKeyDeletion")));
    assertThat(scheduled.getAlreadyPending()).isTrue();
    assertThat(scheduled.getPendingWindowInDays()).isEqualTo(7);
    assertThat(scheduled.getDeletionDate()).isEqualTo(Instant.ofEpochSecond(1705917600L));
  }

  @Test
  void shouldTurnKmsThrottlingIntoARetryableFailure() {
    AwsStubs.server()
        .stubFor(
            target("TrentService.DescribeKey")
                .willReturn(
                    AwsStubs.jsonError(
                        400, "ThrottlingException", "Rate exceeded", "req-kms-throttled")));

    CommandFailure failure = failureOf(() -> kms.schedule("k", 7, List.of("alice", "bob"), null));

    assertThat(failure.getCode()).isEqualTo("ThrottlingException");
    assertThat(failure.getRetryable()).isTrue();
    assertThat(failure.getAwsRequestId()).isEqualTo("req-kms-throttled");
  }
}
