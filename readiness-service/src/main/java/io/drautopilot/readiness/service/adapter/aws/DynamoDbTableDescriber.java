package io.drautopilot.readiness.service.adapter.aws;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.readiness.PitrStatus;
import io.drautopilot.readiness.TableSize;
import io.drautopilot.readiness.service.domain.TableDescriber;
import io.drautopilot.readiness.service.domain.TableFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * DescribeTable (item count, size, global-table replicas) and DescribeContinuousBackups (PITR status and
 * latest restorable time). Read-only; a failure of either is reported, not thrown: readiness with a
 * table it cannot see is readiness with no evidence for it.
 */
public class DynamoDbTableDescriber implements TableDescriber {

  private static final Logger log = LoggerFactory.getLogger(DynamoDbTableDescriber.class);

  private final RegionalClients<DynamoDbClient> clients;
  private final Clock clock;

  public DynamoDbTableDescriber(RegionalClients<DynamoDbClient> clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public TableFacts describe(String table, String region) {
    Instant at = clock.instant();
    DynamoDbClient dynamo = clients.forRegion(region);
    TableSize size = TableSize.UNKNOWN;
    List<String> replicas = List.of();
    Optional<String> tableProblem = Optional.empty();
    try {
      TableDescription t = dynamo.describeTable(r -> r.tableName(table)).table();
      size =
          new TableSize(
              t.itemCount() == null ? -1 : t.itemCount(),
              t.tableSizeBytes() == null ? -1 : t.tableSizeBytes());
      String own = region == null ? null : region;
      replicas =
          t.replicas().stream()
              .filter(r -> r.replicaStatus() == ReplicaStatus.ACTIVE)
              .map(r -> r.regionName())
              .filter(Objects::nonNull)
              .filter(r -> !r.equals(own))
              .toList();
    } catch (SdkException e) {
      log.warn("DescribeTable {} failed: {}", table, e.getMessage());
      tableProblem = Optional.of("DescribeTable: " + AwsFailures.summary(e));
    }
    Optional<PitrStatus> pitr = Optional.empty();
    Optional<String> backupsProblem = Optional.empty();
    try {
      ContinuousBackupsDescription backups =
          dynamo.describeContinuousBackups(r -> r.tableName(table)).continuousBackupsDescription();
      PointInTimeRecoveryDescription p = backups.pointInTimeRecoveryDescription();
      boolean enabled =
          p != null && p.pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED;
      pitr =
          Optional.of(
              new PitrStatus(
                  enabled,
                  Optional.ofNullable(p == null ? null : p.latestRestorableDateTime()),
                  "DescribeContinuousBackups:" + table + "@" + at));
    } catch (SdkException e) {
      log.warn("DescribeContinuousBackups {} failed: {}", table, e.getMessage());
      backupsProblem = Optional.of("DescribeContinuousBackups: " + AwsFailures.summary(e));
    }
    return new TableFacts(size, pitr, replicas, at, tableProblem, backupsProblem);
  }
}
