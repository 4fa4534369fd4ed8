package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.domain.RestorePointChooser.RecoveryPoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The AWS Backup calls of the runbook (REST-JSON, signed for service "backup"):
 * ListRecoveryPointsByBackupVault, ListRecoveryPointsByResource, StartRestoreJob, DescribeRestoreJob.
 */
public class AwsBackupApi implements BackupRecoveryPoints {

  /** DescribeRestoreJob, the fields the restore follows (dates null when AWS did not give them). */
  public record RestoreJob(
      String restoreJobId,
      String status,
      String statusMessage,
      Double percentDone,
      String createdResourceArn,
      Instant creationDate,
      Instant completionDate) {}

  private final SignedJsonClient client;

  public AwsBackupApi(SignedJsonClient client) {
    this.client = client;
  }

  @Override
  public List<RecoveryPoint> inVault(String vaultName, String vaultRegion, String tableName) {
    List<RecoveryPoint> points = new ArrayList<>();
    // a copy in a cross-region vault keeps the source table's ARN as its ResourceArn
    paginate(
        "/backup-vaults/" + encode(vaultName) + "/recovery-points/",
        vaultRegion,
        Map.of("resourceType", "DynamoDB"),
        rp -> {
          if (rp.path("ResourceArn").asString("").endsWith(":table/" + tableName)) {
            points.add(point(rp));
          }
        });
    return points;
  }

  @Override
  public List<RecoveryPoint> ofResource(String resourceArn, String region) {
    List<RecoveryPoint> points = new ArrayList<>();
    paginate(
        "/resources/" + encode(resourceArn) + "/recovery-points/",
        region,
        Map.of(),
        rp -> points.add(point(rp)));
    return points;
  }

  /** StartRestoreJob; the same idempotency token returns the same job instead of starting another. */
  public String startRestoreJob(
      String recoveryPointArn,
      String iamRoleArn,
      String targetTableName,
      String region,
      String idempotencyToken) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RecoveryPointArn", recoveryPointArn);
    body.put("IamRoleArn", iamRoleArn);
    body.put("IdempotencyToken", idempotencyToken);
    body.put("ResourceType", "DynamoDB");
    body.put("Metadata", Map.of("targetTableName", targetTableName));
    JsonNode response =
        client.call(
            "backup",
            "backup",
            region,
            SdkHttpMethod.PUT,
            "/restore-jobs",
            Map.of(),
            Map.of(),
            body);
    return response.path("RestoreJobId").asString();
  }

  public RestoreJob describeRestoreJob(String restoreJobId, String region) {
    JsonNode job =
        client.call(
            "backup",
            "backup",
            region,
            SdkHttpMethod.GET,
            "/restore-jobs/" + encode(restoreJobId),
            Map.of(),
            Map.of(),
            null);
    String percent = job.path("PercentDone").asString("").replace("%", "").trim();
    return new RestoreJob(
        job.path("RestoreJobId").asString(restoreJobId),
        job.path("Status").asString(),
        job.path("StatusMessage").isMissingNode() ? null : job.path("StatusMessage").asString(),
        percent.isEmpty() ? null : Double.valueOf(percent),
        job.path("CreatedResourceArn").isMissingNode()
            ? null
            : job.path("CreatedResourceArn").asString(),
        instant(job.path("CreationDate")),
        instant(job.path("CompletionDate")));
  }

  private void paginate(
      String path,
      String region,
      Map<String, String> query,
      java.util.function.Consumer<JsonNode> each) {
    String next = null;
    do {
      Map<String, String> q = new HashMap<>(query);
      q.put("maxResults", "100");
      if (next != null) {
        q.put("nextToken", next);
      }
      JsonNode page =
          client.call("backup", "backup", region, SdkHttpMethod.GET, path, q, Map.of(), null);
      page.path("RecoveryPoints").forEach(each);
      next =
          page.path("NextToken").isString() && !page.path("NextToken").asString().isEmpty()
              ? page.path("NextToken").asString()
              : null;
    } while (next != null);
  }

  private static RecoveryPoint point(JsonNode rp) {
    return new RecoveryPoint(
        rp.path("RecoveryPointArn").asString(),
        instant(rp.path("CreationDate")),
        rp.path("Status").asString());
  }

  /** AWS Backup's timestamps: epoch seconds with a fraction, or ISO-8601. */
  private static Instant instant(JsonNode value) {
    return value.isNumber()
        ? Instant.ofEpochMilli((long) (value.asDouble() * 1000))
        : value.isString() ? Instant.parse(value.asString()) : null;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
