package io.drautopilot.detector.adapter.probe;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The runbook's first check ("test table connectivity"): DescribeTable, then a one-item Scan so a table that
 * describes fine but cannot be read still counts as unavailable.
 */
public class TableAvailabilityProbe extends TargetProbe.PerTable {

  static final String CHECK = "table-availability";
  private static final Set<TableStatus> USABLE_STATUSES =
      EnumSet.of(TableStatus.ACTIVE, TableStatus.UPDATING);

  private final RegionalClients<DynamoDbClient> clients;

  public TableAvailabilityProbe(
      List<DetectorProperties.Target> targets, RegionalClients<DynamoDbClient> clients) {
    super(CHECK, targets);
    this.clients = clients;
  }

  /** Each table's part is a DescribeTable and a Scan of its own. */
  @Override
  protected List<Observation> probeTable(String region, String table, Instant now) {
    return List.of(check(clients.forRegion(region), region, table, now));
  }

  private Observation check(DynamoDbClient dynamo, String region, String table, Instant now) {
    try {
      TableDescription description = dynamo.describeTable(b -> b.tableName(table)).table();
      if (!USABLE_STATUSES.contains(description.tableStatus())) {
        return Observation.failing(
            CHECK,
            region,
            table,
            "table-unavailable",
            "DescribeTable: status " + description.tableStatusAsString(),
            null,
            now);
      }
      dynamo.scan(b -> b.tableName(table).limit(1));
      return Observation.passing(CHECK, region, table, now);
    } catch (ResourceNotFoundException e) {
      return Observation.failing(
          CHECK,
          region,
          table,
          "table-missing",
          "DescribeTable: ResourceNotFoundException",
          null,
          now);
    } catch (AwsServiceException e) {
      String code =
          e.awsErrorDetails() != null
              ? e.awsErrorDetails().errorCode()
              : String.valueOf(e.statusCode());
      String signal =
          e.isThrottlingException() || "ProvisionedThroughputExceededException".equals(code)
              ? "throttling"
              : "table-unavailable";
      return Observation.failing(
          CHECK,
          region,
          table,
          signal,
          "DynamoDB error " + code + " (HTTP " + e.statusCode() + ")",
          null,
          now);
    } catch (SdkClientException e) {
      // No answer at all (connection refused, timeout): the region's endpoint, not this table, is
      // the problem.
      return Observation.failing(
          CHECK,
          region,
          table,
          "endpoint-unreachable",
          "no response from the DynamoDB endpoint: " + e.getClass().getSimpleName(),
          null,
          now);
    }
  }
}
