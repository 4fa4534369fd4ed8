package io.drautopilot.readiness.service.domain;

import io.drautopilot.readiness.PitrStatus;
import io.drautopilot.readiness.TableSize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What DynamoDB says about a protected table now.
 *
 * @param pitr empty when DescribeContinuousBackups could not be read
 * @param activeReplicaRegions regions other than the table's own with an ACTIVE global-table replica
 * @param tableProblem why DescribeTable (size, replicas) could not be read, if so
 * @param backupsProblem why DescribeContinuousBackups (PITR) could not be read, if so
 */
public record TableFacts(
    TableSize size,
    Optional<PitrStatus> pitr,
    List<String> activeReplicaRegions,
    Instant readAt,
    Optional<String> tableProblem,
    Optional<String> backupsProblem) {

  public static TableFacts unreadable(String problem, Instant at) {
    return new TableFacts(
        TableSize.UNKNOWN,
        Optional.empty(),
        List.of(),
        at,
        Optional.of(problem),
        Optional.of(problem));
  }
}
