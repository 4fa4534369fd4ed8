package io.drautopilot.readiness.service.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.TableSize;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DescribeTable answered but DescribeContinuousBackups did not (dynalite has no such operation): each
 * path says what it lacks, not the other call's failure.
 */
class PartlyReadTableTest {

  @Test
  void shouldBlameTheMissingReplicaNotTheBackupsCallForARegionFailover() {
    TableFacts facts =
        new TableFacts(
            new TableSize(40_000, -1),
            Optional.empty(),
            List.of(),
            UnknownTableSizeTest.NOW,
            Optional.empty(),
            Optional.of("DescribeContinuousBackups: UnknownOperationException"));

    List<PathAssessment> paths = paths(facts);

    assertThat(reasons(paths, RecoveryPath.REGION_FAILOVER))
        .contains("no restore point: no ACTIVE replica in another region")
        .doesNotContain("DescribeContinuousBackups");
    assertThat(reasons(paths, RecoveryPath.PITR_RESTORE))
        .contains(
            "continuous backups could not be read (DescribeContinuousBackups: UnknownOperationException)");
  }

  @Test
  void shouldNameTheDescribeTableFailureForARegionFailoverWhenTheTableCouldNotBeDescribed() {
    TableFacts facts =
        TableFacts.unreadable("DescribeTable: AccessDenied", UnknownTableSizeTest.NOW);

    List<PathAssessment> paths = paths(facts);

    assertThat(reasons(paths, RecoveryPath.REGION_FAILOVER))
        .contains("the table could not be described (DescribeTable: AccessDenied)");
  }

  private static List<PathAssessment> paths(TableFacts facts) {
    return UnknownTableSizeTest.serviceWith(new RecoveryLog(), facts)
        .assess(Trigger.of(Trigger.Kind.REQUEST))
        .tables()
        .get(0)
        .paths();
  }

  private static String reasons(List<PathAssessment> paths, RecoveryPath path) {
    return paths.stream()
        .filter(p -> p.path() == path)
        .findFirst()
        .map(p -> String.join("; ", p.reasons()))
        .orElseThrow();
  }
}
