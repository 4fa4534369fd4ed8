package io.drautopilot.restore.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.restore.domain.ScratchTablePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The refusals dynalite cannot show (it has no deletion protection and deletes at once), against a
 * client answering DescribeTable as DynamoDB does and recording DeleteTable.
 */
class ScratchTableDeleterTest {

  static final String SCRATCH = "backup-verification-test-inc-1";

  static final class Table implements DynamoDbClient {
    final boolean protectedTable;
    final TableStatus status;
    final List<String> deleted = new ArrayList<>();

    Table(boolean protectedTable, TableStatus status) {
      this.protectedTable = protectedTable;
      this.status = status;
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest r) {
      return DescribeTableResponse.builder()
          .table(
              t ->
                  t.tableName(r.tableName())
                      .tableStatus(status)
                      .deletionProtectionEnabled(protectedTable))
          .build();
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest r) {
      deleted.add(r.tableName());
      throw ResourceInUseException.builder()
          .message("Attempt to change a resource which is still in use")
          .build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  static ScratchTableDeleter deleter(DynamoDbClient client) {
    return new ScratchTableDeleter(
        new RegionalClients<>(region -> client),
        new ScratchTablePolicy(List.of("backup-verification-test-")),
        Duration.ofMillis(1),
        Duration.ofMillis(10));
  }

  @Test
  void refusesATableWithDeletionProtectionWithoutCallingDeleteTable() {
    Table table = new Table(true, TableStatus.ACTIVE);

    assertThatThrownBy(() -> deleter(table).delete(SCRATCH, "us-east-1"))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("DeletionProtected");
              assertThat(e.retryable()).isFalse();
            });
    assertThat(table.deleted).isEmpty();
  }

  @Test
  void aTableStillInUseIsARetryableRefusal() {
    Table table = new Table(false, TableStatus.CREATING);

    assertThatThrownBy(() -> deleter(table).delete(SCRATCH, "us-east-1"))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("TableInUse");
              assertThat(e.retryable()).isTrue();
            });
    assertThat(table.deleted).containsExactly(SCRATCH);
  }
}
