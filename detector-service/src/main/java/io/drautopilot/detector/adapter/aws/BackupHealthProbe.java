package io.drautopilot.detector.adapter.aws;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.adapter.probe.ProbeHealth;
import io.drautopilot.detector.adapter.probe.TargetProbe;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backup health, the precondition of the runbook's restores: point-in-time recovery enabled
 * (DescribeContinuousBackups) and the last AWS Backup job of each table not failed (ListBackupJobs).
 * Where a capability does not exist (dynalite has no PITR) the answer is "unknown", not a failure.
 *
 * <p>ListBackupJobs is called as a signed REST request: the AWS Backup SDK module is not published for the SDK
 * version the project pins.
 */
public class BackupHealthProbe extends TargetProbe.PerRegion {

  private static final Logger log = LoggerFactory.getLogger(BackupHealthProbe.class);
  static final String PITR_CHECK = "backup-pitr";
  static final String JOB_CHECK = "backup-last-job";
  private static final List<String> FAILED_STATES = List.of("FAILED", "ABORTED", "EXPIRED");

  private final DetectorProperties.Backup config;
  private final RegionalClients<DynamoDbClient> dynamo;
  private final AwsClientFactory aws;
  private final ProbeHealth blindSpots;
  private final AwsCredentialsProvider credentials;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  public BackupHealthProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.Backup config,
      RegionalClients<DynamoDbClient> dynamo,
      AwsClientFactory aws) {
    this(targets, config, dynamo, aws, ProbeHealth.untracked());
  }

  public BackupHealthProbe(
      List<DetectorProperties.Target> targets,
      DetectorProperties.Backup config,
      RegionalClients<DynamoDbClient> dynamo,
      AwsClientFactory aws,
      ProbeHealth blindSpots) {
    super("backup-health", targets);
    this.blindSpots = blindSpots;
    this.config = config;
    this.dynamo = dynamo;
    this.aws = aws;
    this.credentials = aws.credentialsProvider();
  }

  @Override
  protected List<Observation> probeRegion(DetectorProperties.Target target, Instant now) {
    List<Observation> out = new ArrayList<>();
    String region = target.region();
    Optional<JsonNode> jobs =
        config.awsBackupJobs() ? listBackupJobs(region, now) : Optional.empty();
    for (String table : target.tables()) {
      pitr(region, table, now).ifPresent(out::add);
      jobs.flatMap(j -> lastJob(j, table))
          .ifPresent(
              job -> {
                String state = job.path("State").asString("");
                out.add(
                    FAILED_STATES.contains(state)
                        ? Observation.failing(
                            JOB_CHECK,
                            region,
                            table,
                            "backup-failed",
                            "last AWS Backup job "
                                + job.path("BackupJobId").asString("?")
                                + " is "
                                + state,
                            null,
                            now)
                        : Observation.passing(JOB_CHECK, region, table, now));
              });
    }
    return out;
  }

  private Optional<Observation> pitr(String region, String table, Instant now) {
    try {
      ContinuousBackupsDescription d =
          dynamo
              .forRegion(region)
              .describeContinuousBackups(b -> b.tableName(table))
              .continuousBackupsDescription();
      PointInTimeRecoveryDescription pitr = d.pointInTimeRecoveryDescription();
      String status = pitr == null ? "DISABLED" : pitr.pointInTimeRecoveryStatusAsString();
      return Optional.of(
          pitr != null && pitr.pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED
              ? Observation.passing(PITR_CHECK, region, table, now)
              : Observation.failing(
                  PITR_CHECK,
                  region,
                  table,
                  "pitr-disabled",
                  "point-in-time recovery is " + status,
                  null,
                  now));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (!"UnknownOperationException".equals(code)) {
        log.debug("DescribeContinuousBackups {} in {}: {}", table, region, code);
      }
      // Unknown in this environment (dynalite has no PITR) or the table is gone: the availability
      // probe reports that.
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.empty();
    }
  }

  /**
   * Every DynamoDB backup job created within {@code job-lookback}, page by page ({@code NextToken}), as one
   * {@code {"BackupJobs": [...]}}: the last job of a table may be on any page. Empty when a page cannot be read
   * (the probe is then blind for the region, see {@link ProbeHealth}).
   */
  private Optional<JsonNode> listBackupJobs(String region, Instant now) {
    URI base = SignedHttp.endpoint(aws, "backup", region);
    String query =
        base.toString().replaceAll("/$", "")
            + "/backup-jobs/?createdAfter="
            + URLEncoder.encode(now.minus(config.jobLookback()).toString(), StandardCharsets.UTF_8)
            + "&maxResults=1000&resourceType=DynamoDB";
    ObjectNode all = json.createObjectNode();
    ArrayNode jobs = all.putArray("BackupJobs");
    Set<String> tokens = new HashSet<>();
    String token = null;
    try {
      do {
        URI uri =
            URI.create(
                token == null
                    ? query
                    : query + "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HttpResponse<String> response =
            http.send(signed(uri, region), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IOException("ListBackupJobs answered HTTP " + response.statusCode());
        }
        JsonNode page = json.readTree(response.body());
        page.path("BackupJobs").forEach(jobs::add);
        token = page.path("NextToken").asString(null);
        // A token seen before would page for ever.
      } while (token != null && !token.isBlank() && tokens.add(token));
    } catch (IOException | RuntimeException e) {
      log.warn("ListBackupJobs in {} failed: {}", region, e.toString());
      blindSpots.blind(name(), region, "ListBackupJobs: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    blindSpots.seeing(name(), region);
    return Optional.of(all);
  }

  private HttpRequest signed(URI uri, String region) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials.resolveCredentials())
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "backup")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    return SignedHttp.withSignature(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET(), signed);
  }

  /** The most recent job of this table, if any. */
  static Optional<JsonNode> lastJob(JsonNode response, String table) {
    JsonNode latest = null;
    for (JsonNode job : response.path("BackupJobs")) {
      if (job.path("ResourceArn").asString("").endsWith(":table/" + table)
          && (latest == null
              || job.path("CreationDate").asDouble(0) > latest.path("CreationDate").asDouble(0))) {
        latest = job;
      }
    }
    return Optional.ofNullable(latest);
  }
}
