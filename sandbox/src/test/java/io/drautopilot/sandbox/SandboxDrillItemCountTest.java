package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class SandboxDrillItemCountTest {

  /**
   * A table that answers a COUNT scan a page at a time, as DynamoDB and dynalite do once a page reaches 1 MB of
   * items read.
   */
  private static final class PagedTable implements DynamoDbClient {
    final String table;
    final long items;
    final int pageSize;
    final List<ScanRequest> requests = new ArrayList<>();

    PagedTable(String table, long items, int pageSize) {
      this.table = table;
      this.items = items;
      this.pageSize = pageSize;
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
      requests.add(request);
      if (!request.tableName().equals(table)) {
        throw ResourceNotFoundException.builder()
            .message("no table " + request.tableName())
            .build();
      }
      long from =
          request.hasExclusiveStartKey()
              ? Long.parseLong(request.exclusiveStartKey().get("PK").n())
              : 0;
      long to = Math.min(items, from + pageSize);
      ScanResponse.Builder page =
          ScanResponse.builder().count((int) (to - from)).scannedCount((int) (to - from));
      if (to < items) {
        page.lastEvaluatedKey(Map.of("PK", AttributeValue.fromN(Long.toString(to))));
      }
      return page.build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldCountEveryPageOfARestoredTableLargerThanOneScanPage() {
    PagedTable dynamo = new PagedTable("drill-employees-recovery", 40_000, 5_800);

    Optional<Long> count = SandboxDrill.itemCount(dynamo, "drill-employees-recovery");

    assertThat(count).contains(40_000L);
    assertThat(dynamo.requests).hasSize(7).allMatch(r -> r.select() == Select.COUNT);
  }

  @Test
  void shouldReportNoCountForATableThatWasNotRestored() {
    PagedTable dynamo = new PagedTable("drill-employees-recovery", 10, 5_800);

    assertThat(SandboxDrill.itemCount(dynamo, "drill-departments-recovery")).isEmpty();
  }
}
