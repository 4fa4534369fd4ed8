package io.drautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.validation.CompareTablesCommand;
import io.drautopilot.contracts.validation.TablesCompared;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.S3rver;
import io.drautopilot.snapshots.SnapshotLocation;
import io.drautopilot.snapshots.SnapshotStore;
import io.drautopilot.validation.adapter.snapshot.SnapshotFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CompareTablesIT extends ServiceITBase {

  static final String PRIMARY = "compare-entities";
  static final String COPY = "compare-entities-recovery";
  static final String DRIFTED = "compare-entities-drifted";
  static final int N = 1500;
  Path snapshots;
  String s3Location;

  @BeforeAll
  void seed() throws Exception {
    DynamoDbClient primary = Dynalite.shared("primary").client();
    DynamoDbClient secondary = Dynalite.shared("secondary").client();
    List<Map<String, AttributeValue>> items = TestTables.goodItems(N);
    TestTables.create(primary, PRIMARY, true);
    TestTables.put(primary, PRIMARY, items);
    TestTables.create(secondary, COPY, true);
    TestTables.put(secondary, COPY, items);

    List<Map<String, AttributeValue>> drifted = new ArrayList<>(items.subList(3, N));
    drifted.add(TestTables.good(N + 1));
    drifted.add(TestTables.good(N + 2));
    Map<String, AttributeValue> changed = new LinkedHashMap<>(items.get(7));
    changed.put("salary", AttributeValue.fromN("1"));
    drifted.set(drifted.indexOf(items.get(7)), changed);
    TestTables.create(secondary, DRIFTED, true);
    TestTables.put(secondary, DRIFTED, drifted);

    snapshots = Files.createTempDirectory("snapshots");
    SnapshotFiles.write(
        snapshots,
        PRIMARY,
        Instant.parse("2026-01-15T10:25:00Z"),
        4,
        items.subList(0, 10).stream().map(TestTables::json).toList(),
        true);
    SnapshotFiles.write(
        snapshots,
        PRIMARY,
        Instant.parse("2026-01-15T10:30:00Z"),
        4,
        items.stream().map(TestTables::json).toList(),
        true);
    S3rver s3 = S3rver.shared();
    s3Location = "s3://" + s3.bucket("dr-snapshots-validation") + "/prod";
    SnapshotLocation inS3 = new SnapshotStore(s3::client).location(s3Location);
    SnapshotFiles.write(
        inS3,
        PRIMARY,
        Instant.parse("2026-01-15T10:25:00Z"),
        2,
        items.subList(0, 10).stream().map(TestTables::json).toList(),
        true);
    SnapshotFiles.write(
        inS3,
        PRIMARY,
        Instant.parse("2026-01-15T10:30:00Z"),
        4,
        items.stream().map(TestTables::json).toList(),
        true);
  }

  CompareTablesCommand command(String target, String snapshotLocation) {
    return CompareTablesCommand.newBuilder()
        .setMetadata(commandMetadata("inc-compare"))
        .setSourceTableName(PRIMARY)
        .setSourceRegion("us-east-1")
        .setTargetTableName(target)
        .setTargetRegion("us-west-2")
        .setSourceSnapshotLocation(snapshotLocation)
        .setSegments(4)
        .setMaxDifferingKeys(10)
        .build();
  }

  @Test
  void shouldMatchAnIdenticalCopyInAnotherRegion() throws Exception {
    TablesCompared result = send(command(COPY, null), TablesCompared.class);

    assertThat(result.getMatches()).isTrue();
    assertThat(result.getSourceItemCount()).isEqualTo(N);
    assertThat(result.getTargetItemCount()).isEqualTo(N);
    assertThat(result.getSourceDigest()).isEqualTo(result.getTargetDigest());
    assertThat(result.getDifferingSegments()).isZero();
  }

  @Test
  void shouldNameMissingExtraAndChangedKeys() throws Exception {
    TablesCompared result = send(command(DRIFTED, null), TablesCompared.class);

    assertThat(result.getMatches()).isFalse();
    assertThat(result.getTargetItemCount()).isEqualTo(N - 1);
    assertThat(result.getMissingInTargetKeys())
        .containsExactlyInAnyOrder(
            "PK=DEPARTMENT#0|SK=PROFILE", "PK=EMPLOYEE#1|SK=PROFILE", "PK=EMPLOYEE#2|SK=PROFILE");
    assertThat(result.getExtraInTargetKeys())
        .containsExactlyInAnyOrder(
            "PK=EMPLOYEE#" + (N + 1) + "|SK=PROFILE", "PK=EMPLOYEE#" + (N + 2) + "|SK=PROFILE");
    assertThat(result.getChangedKeys()).containsExactly("PK=EMPLOYEE#7|SK=PROFILE");
    assertThat(result.getMissingInTargetCount()).isEqualTo(3L);
    assertThat(result.getKeyListsComplete()).isTrue();
  }

  @Test
  void shouldCompareARecoveryTableWithTheLatestCompleteSnapshotItCameFrom() throws Exception {
    String tableDirectory = snapshots.resolve(PRIMARY).toString();

    TablesCompared same = send(command(COPY, tableDirectory), TablesCompared.class);
    TablesCompared drifted = send(command(DRIFTED, tableDirectory), TablesCompared.class);

    assertThat(same.getMatches()).isTrue();
    assertThat(same.getSourceItemCount()).isEqualTo(N);
    assertThat(drifted.getMatches()).isFalse();
    assertThat(drifted.getChangedKeys()).containsExactly("PK=EMPLOYEE#7|SK=PROFILE");
  }

  @Test
  void shouldCompareARecoveryTableWithTheLatestCompleteSnapshotInS3() throws Exception {
    TablesCompared same = send(command(COPY, s3Location + "/" + PRIMARY), TablesCompared.class);
    TablesCompared drifted =
        send(command(DRIFTED, s3Location + "/" + PRIMARY), TablesCompared.class);

    assertThat(same.getMatches()).isTrue();
    assertThat(same.getSourceItemCount()).isEqualTo(N);
    assertThat(drifted.getMatches()).isFalse();
    assertThat(drifted.getChangedKeys()).containsExactly("PK=EMPLOYEE#7|SK=PROFILE");
  }

  @Test
  void shouldFailWhenTheSnapshotIsNotUsable() throws Exception {
    CommandFailure failure =
        send(command(COPY, snapshots.resolve("no-such-table").toString()), CommandFailure.class);

    assertThat(failure.getCode()).isEqualTo("SnapshotNotUsable");
    assertThat(failure.getRetryable()).isFalse();
  }
}
