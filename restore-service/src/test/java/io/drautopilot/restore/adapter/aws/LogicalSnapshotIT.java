package io.drautopilot.restore.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.S3rver;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.snapshots.LocalSnapshotLocation;
import io.drautopilot.snapshots.Snapshot;
import io.drautopilot.snapshots.SnapshotLocation;
import io.drautopilot.snapshots.SnapshotStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Logical snapshot export and import against a real dynalite: 100k items, a crash midway, unprocessed items. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogicalSnapshotIT {

  static final int ITEMS = 100_000;
  static final String SOURCE = "snap-entities";

  final DynamoDbClient dynamo = Dynalite.shared().client();
  @TempDir Path temp;
  Path location;
  TableSnapshotExporter.Exported exported;

  @BeforeAll
  void givenATableOf100kItemsAndItsSnapshot(@TempDir Path snapshots) throws Exception {
    location = snapshots;
    TestTables.createEntitiesTable(dynamo, SOURCE);
    TestTables.fill(dynamo, SOURCE, ITEMS, 8);
    Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:25:00.123Z"), ZoneOffset.UTC);
    exported =
        new TableSnapshotExporter(dynamo, new TableSnapshotExporter.Options(4, 1000, clock))
            .export(
                SOURCE, "us-east-1", new LocalSnapshotLocation(location), ProgressListener.NONE);
  }

  TableSnapshotImporter.Options importOptions(int parallelism) {
    return new TableSnapshotImporter.Options(
        parallelism,
        new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 20),
        10,
        temp.resolve("work"),
        Duration.ofMillis(50),
        Duration.ofSeconds(30));
  }

  @Test
  void shouldExportEveryItemIntoGzipSegmentsAndWriteACompleteManifestLast() throws Exception {
    assertThat(exported.uri())
        .isEqualTo(location.resolve(SOURCE).resolve("20260115T102500123Z").toString());
    assertThat(exported.manifest().itemCount()).isEqualTo(ITEMS);
    assertThat(exported.manifest().segments()).isEqualTo(4);
    assertThat(exported.manifest().complete()).isTrue();
    assertThat(exported.manifest().keySchema())
        .extracting(k -> k.attributeName() + ":" + k.keyType())
        .containsExactly("PK:HASH", "SK:RANGE");

    Map<String, Map<String, AttributeValue>> inFiles = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(exported.snapshot().openSegment(i)),
                  StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          assertThat(line).startsWith("{\"Item\":{");
          Map<String, AttributeValue> item = DynamoJson.fromLine(line);
          assertThat(inFiles.put(item.get("PK").s(), item)).isNull();
        }
      }
    }
    assertThat(inFiles).hasSize(ITEMS);
    assertThat(inFiles.get("EMPLOYEE#4242")).isEqualTo(TestTables.item(4242));
  }

  @Test
  void shouldResumeAnImportKilledMidwayFromItsCheckpointsWithoutLossOrDuplicates() {
    String target = "snap-entities-recovery";
    CrashingClient crashing = new CrashingClient(dynamo, 2000);

    assertThatThrownBy(
            () ->
                new TableSnapshotImporter(crashing, importOptions(4))
                    .importSnapshot(
                        exported.snapshot(), target, "us-east-1", ProgressListener.NONE))
        .hasMessageContaining("simulated crash");
    long writtenBeforeCrash = crashing.itemsWritten.get();
    assertThat(writtenBeforeCrash).isBetween(10_000L, 90_000L);

    List<Long> progress = new CopyOnWriteArrayList<>();
    TableSnapshotImporter.Imported resumed =
        new TableSnapshotImporter(dynamo, importOptions(4))
            .importSnapshot(
                exported.snapshot(),
                target,
                "us-east-1",
                (done, total, rate, message) -> progress.add(done));

    assertThat(resumed.resumedSegments()).isPositive();
    assertThat(resumed.tableCreated()).isFalse();
    assertThat(resumed.itemsInTable()).isEqualTo(ITEMS);
    // only what was not checkpointed is written again: at most the in-flight and unrecorded batches
    assertThat(resumed.itemsWritten())
        .isLessThan(ITEMS)
        .isGreaterThanOrEqualTo(ITEMS - writtenBeforeCrash);
    assertThat(resumed.itemsWritten() + writtenBeforeCrash - ITEMS).isLessThan(4 * 25 * 10 * 3);
    assertThat(progress)
        .isNotEmpty()
        .allSatisfy(done -> assertThat(done).isLessThanOrEqualTo(ITEMS));
    Map<String, Map<String, AttributeValue>> restored = TestTables.scanAll(dynamo, target);
    assertThat(restored).hasSize(ITEMS);
    for (int i = 0; i < ITEMS; i += 997) {
      assertThat(restored.get("EMPLOYEE#" + i + "|PROFILE")).isEqualTo(TestTables.item(i));
    }
  }

  /** A smaller snapshot of its own, for the tests that import it several times. */
  Snapshot smallSnapshot(String source, int items) throws Exception {
    TestTables.createEntitiesTable(dynamo, source);
    TestTables.fill(dynamo, source, items, 4);
    return new TableSnapshotExporter(
            dynamo, TableSnapshotExporter.Options.defaults().withSegments(4))
        .export(
            source,
            "us-east-1",
            new LocalSnapshotLocation(temp.resolve(source)),
            ProgressListener.NONE)
        .snapshot();
  }

  @Test
  void shouldImportEveryItemAgainWhenTheTableOfAnEarlierImportWasDroppedAndTheImportRunsAgain()
      throws Exception {
    // given a completed import from the snapshot, whose checkpoints stay in the work directory
    int items = 5_000;
    Snapshot snapshot = smallSnapshot("snap-reimport", items);
    String target = "snap-reimport-recovery";
    TableSnapshotImporter.Imported first =
        new TableSnapshotImporter(dynamo, importOptions(4))
            .importSnapshot(snapshot, target, "us-east-1", ProgressListener.NONE);
    assertThat(first.itemsInTable()).isEqualTo(items);

    // when that recovery table is dropped and a second incident imports the same snapshot into it
    drop(target);
    List<String> messages = new CopyOnWriteArrayList<>();
    TableSnapshotImporter.Imported second =
        new TableSnapshotImporter(dynamo, importOptions(4))
            .importSnapshot(
                snapshot,
                target,
                "us-east-1",
                (done, total, rate, message) -> messages.add(message));

    // then the stale checkpoints were not trusted: every item written again, and the result says
    // what is there
    assertThat(second.tableCreated()).isTrue();
    assertThat(second.resumedSegments()).isZero();
    assertThat(second.itemsWritten()).isEqualTo(items);
    assertThat(second.itemsInTable()).isEqualTo(items);
    assertThat(TestTables.scanAll(dynamo, target)).hasSize(items);
    assertThat(messages)
        .last()
        .asString()
        .contains(items + " items written by this import")
        .contains("the table holds " + items + " items");
  }

  @Test
  void shouldDiscardCheckpointsOfATableCreatedAgainEmptyUnderTheSameName() throws Exception {
    // given an import killed midway, whose checkpoints name the table it wrote into
    int items = 5_000;
    Snapshot snapshot = smallSnapshot("snap-recreate", items);
    String target = "snap-recreate-recovery";
    CrashingClient crashing = new CrashingClient(dynamo, 120);
    assertThatThrownBy(
            () ->
                new TableSnapshotImporter(crashing, importOptions(4))
                    .importSnapshot(snapshot, target, "us-east-1", ProgressListener.NONE))
        .hasMessageContaining("simulated crash");

    // when someone drops that table and creates an empty one of the same name, and the import runs
    // again
    drop(target);
    TestTables.createEntitiesTable(dynamo, target);
    TableSnapshotImporter.Imported again =
        new TableSnapshotImporter(dynamo, importOptions(4))
            .importSnapshot(snapshot, target, "us-east-1", ProgressListener.NONE);

    // then nothing was skipped on the strength of the other table's checkpoints
    assertThat(again.tableCreated()).isFalse();
    assertThat(again.resumedSegments()).isZero();
    assertThat(again.itemsWritten()).isEqualTo(items);
    assertThat(again.itemsInTable()).isEqualTo(items);
    assertThat(TestTables.scanAll(dynamo, target)).hasSize(items);
  }

  @Test
  void shouldReplayEverythingWhenTheTableHoldsFewerItemsThanItsCheckpointsClaim() throws Exception {
    // given a completed import, then items removed behind its back (same table, so the binding
    // matches)
    String source = "snap-shrunk";
    TestTables.createEntitiesTable(dynamo, source);
    TestTables.fill(dynamo, source, 300, 2);
    Snapshot dir =
        new TableSnapshotExporter(dynamo, TableSnapshotExporter.Options.defaults().withSegments(2))
            .export(
                source,
                "us-east-1",
                new LocalSnapshotLocation(temp.resolve("shrunk")),
                ProgressListener.NONE)
            .snapshot();
    new TableSnapshotImporter(dynamo, importOptions(2))
        .importSnapshot(dir, "snap-shrunk-recovery", "us-east-1", ProgressListener.NONE);
    for (int i = 0; i < 300; i += 3) {
      int n = i;
      dynamo.deleteItem(
          b ->
              b.tableName("snap-shrunk-recovery")
                  .key(
                      Map.of(
                          "PK",
                          AttributeValue.fromS("EMPLOYEE#" + n),
                          "SK",
                          AttributeValue.fromS("PROFILE"))));
    }

    // when the same import runs again
    TableSnapshotImporter.Imported again =
        new TableSnapshotImporter(dynamo, importOptions(2))
            .importSnapshot(dir, "snap-shrunk-recovery", "us-east-1", ProgressListener.NONE);

    // then the count found the gap, and every line was written again
    assertThat(again.itemsWritten()).isEqualTo(300);
    assertThat(again.itemsInTable()).isEqualTo(300);
    assertThat(TestTables.scanAll(dynamo, "snap-shrunk-recovery")).hasSize(300);
  }

  @Test
  void shouldRetryUnprocessedItemsWithBackoffUntilEveryItemIsWritten() throws Exception {
    String source = "snap-small";
    TestTables.createEntitiesTable(dynamo, source);
    TestTables.fill(dynamo, source, 600, 2);
    Snapshot dir =
        new TableSnapshotExporter(dynamo, TableSnapshotExporter.Options.defaults().withSegments(2))
            .export(
                source,
                "us-east-1",
                new LocalSnapshotLocation(temp.resolve("snaps")),
                ProgressListener.NONE)
            .snapshot();
    HalfUnprocessedClient flaky = new HalfUnprocessedClient(dynamo);

    TableSnapshotImporter.Imported imported =
        new TableSnapshotImporter(flaky, importOptions(2))
            .importSnapshot(dir, "snap-small-recovery", "us-east-1", ProgressListener.NONE);

    assertThat(imported.unprocessedRetries()).isPositive();
    assertThat(flaky.returnedUnprocessed.get()).isPositive();
    assertThat(TestTables.scanAll(dynamo, "snap-small-recovery")).hasSize(600);
  }

  @Test
  void shouldRefuseToImportIntoATableHoldingDataItDidNotWrite() throws Exception {
    TestTables.createEntitiesTable(dynamo, "snap-occupied");
    TestTables.fill(dynamo, "snap-occupied", 3, 1);

    assertThatThrownBy(
            () ->
                new TableSnapshotImporter(dynamo, importOptions(2))
                    .importSnapshot(
                        exported.snapshot(), "snap-occupied", "us-east-1", ProgressListener.NONE))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("TargetTableNotRecoveryTarget"));
    assertThat(TestTables.scanAll(dynamo, "snap-occupied")).hasSize(3);
  }

  @Test
  void shouldRefuseToImportASnapshotOverItsOwnSourceTable() {
    assertThatThrownBy(
            () ->
                new TableSnapshotImporter(dynamo, importOptions(2))
                    .importSnapshot(
                        exported.snapshot(), SOURCE, "us-east-1", ProgressListener.NONE))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("TargetTableNotRecoveryTarget"));
  }

  @Test
  void shouldExportToS3AndImportFromItResumingAfterACrash() throws Exception {
    String source = "snap-s3";
    TestTables.createEntitiesTable(dynamo, source);
    TestTables.fill(dynamo, source, 10_000, 4);
    S3rver s3 = S3rver.shared();
    String bucket = s3.bucket("dr-snapshots-restore");
    SnapshotStore store = new SnapshotStore(s3::client);
    SnapshotLocation where = store.location("s3://" + bucket + "/prod");
    TableSnapshotExporter.Exported inS3 =
        new TableSnapshotExporter(
                dynamo,
                new TableSnapshotExporter.Options(
                    3, 500, Clock.fixed(Instant.parse("2026-01-15T10:20:00Z"), ZoneOffset.UTC)))
            .export(source, "us-east-1", where, ProgressListener.NONE);
    assertThat(inS3.uri()).isEqualTo("s3://" + bucket + "/prod/snap-s3/20260115T102000000Z");
    assertThat(where.latestComplete(source)).map(l -> l.manifest().itemCount()).contains(10_000L);

    Snapshot found = store.snapshot(inS3.uri());
    CrashingClient crashing = new CrashingClient(dynamo, 150);
    assertThatThrownBy(
            () ->
                new TableSnapshotImporter(crashing, importOptions(2))
                    .importSnapshot(found, "snap-s3-recovery", "us-east-1", ProgressListener.NONE))
        .hasMessageContaining("simulated crash");
    TableSnapshotImporter.Imported resumed =
        new TableSnapshotImporter(dynamo, importOptions(2))
            .importSnapshot(found, "snap-s3-recovery", "us-east-1", ProgressListener.NONE);

    assertThat(resumed.resumedSegments()).isPositive();
    assertThat(resumed.itemsWritten()).isLessThan(10_000);
    Map<String, Map<String, AttributeValue>> restored =
        TestTables.scanAll(dynamo, "snap-s3-recovery");
    assertThat(restored).hasSize(10_000);
    assertThat(restored.get("EMPLOYEE#4242|PROFILE")).isEqualTo(TestTables.item(4242));
  }

  @Test
  void shouldRebuildTheSourcesSecondaryIndexesAndTtlOnTheRecoveryTable() throws Exception {
    String source = "snap-indexed";
    dynamo.createTable(
        b ->
            b.tableName(source)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("PK"), attribute("SK"), attribute("entityType"), attribute("hiredOn"))
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder()
                        .indexName("byEntityType")
                        .keySchema(key("entityType", KeyType.HASH), key("SK", KeyType.RANGE))
                        .projection(
                            p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("n"))
                        .build())
                .localSecondaryIndexes(
                    LocalSecondaryIndex.builder()
                        .indexName("byHireDate")
                        .keySchema(key("PK", KeyType.HASH), key("hiredOn", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build()));
    TestTables.fill(dynamo, source, 50, 1);
    // dynalite has no UpdateTimeToLive: this client answers DescribeTimeToLive as AWS does for a
    // table with TTL on, and records UpdateTimeToLive; everything else goes to dynalite
    TtlClient client = new TtlClient(dynamo, source, "expiresAt");

    Snapshot snapshot =
        new TableSnapshotExporter(client, TableSnapshotExporter.Options.defaults().withSegments(1))
            .export(
                source,
                "us-east-1",
                new LocalSnapshotLocation(temp.resolve("indexed")),
                ProgressListener.NONE)
            .snapshot();
    new TableSnapshotImporter(client, importOptions(2))
        .importSnapshot(snapshot, "snap-indexed-recovery", "us-east-1", ProgressListener.NONE);

    TableDescription restored =
        dynamo.describeTable(b -> b.tableName("snap-indexed-recovery")).table();
    assertThat(restored.globalSecondaryIndexes())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.indexName()).isEqualTo("byEntityType");
              assertThat(i.keySchema())
                  .extracting(KeySchemaElement::attributeName)
                  .containsExactly("entityType", "SK");
              assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
              assertThat(i.projection().nonKeyAttributes()).containsExactly("n");
            });
    assertThat(restored.localSecondaryIndexes())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.indexName()).isEqualTo("byHireDate");
              assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
            });
    assertThat(
            dynamo
                .query(
                    q ->
                        q.tableName("snap-indexed-recovery")
                            .indexName("byEntityType")
                            .keyConditionExpression("entityType = :t")
                            .expressionAttributeValues(
                                Map.of(":t", AttributeValue.fromS("Employee"))))
                .count())
        .isEqualTo(50);
    assertThat(client.ttlEnabledOn).containsExactly("snap-indexed-recovery=expiresAt");
  }

  /** DeleteTable, then until DescribeTable no longer finds it (dynalite drops it just after answering). */
  void drop(String table) {
    dynamo.deleteTable(b -> b.tableName(table));
    for (int i = 0; i < 200; i++) {
      try {
        dynamo.describeTable(b -> b.tableName(table));
      } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException gone) {
        return;
      }
      TableSnapshotImporter.sleep(Duration.ofMillis(25));
    }
    throw new AssertionError(table + " still there after DeleteTable");
  }

  static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  /** TTL on for {@code source} as AWS would describe it; UpdateTimeToLive recorded (dynalite lacks it). */
  static final class TtlClient extends DelegatingClient {
    final String source;
    final String attribute;
    final List<String> ttlEnabledOn = new CopyOnWriteArrayList<>();

    TtlClient(DynamoDbClient delegate, String source, String attribute) {
      super(delegate);
      this.source = source;
      this.attribute = attribute;
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest r) {
      boolean on =
          r.tableName().equals(source) || ttlEnabledOn.contains(r.tableName() + "=" + attribute);
      return DescribeTimeToLiveResponse.builder()
          .timeToLiveDescription(
              on
                  ? TimeToLiveDescription.builder()
                      .attributeName(attribute)
                      .timeToLiveStatus(TimeToLiveStatus.ENABLED)
                      .build()
                  : TimeToLiveDescription.builder()
                      .timeToLiveStatus(TimeToLiveStatus.DISABLED)
                      .build())
          .build();
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest r) {
      ttlEnabledOn.add(r.tableName() + "=" + r.timeToLiveSpecification().attributeName());
      return UpdateTimeToLiveResponse.builder()
          .timeToLiveSpecification(r.timeToLiveSpecification())
          .build();
    }
  }

  /** Dies (like a killed process) after a number of BatchWriteItem calls. */
  static final class CrashingClient extends DelegatingClient {
    final int crashAfterCalls;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicLong itemsWritten = new AtomicLong();

    CrashingClient(DynamoDbClient delegate, int crashAfterCalls) {
      super(delegate);
      this.crashAfterCalls = crashAfterCalls;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      if (calls.incrementAndGet() > crashAfterCalls) {
        throw new IllegalStateException("simulated crash");
      }
      BatchWriteItemResponse r = delegate.batchWriteItem(request);
      itemsWritten.addAndGet(request.requestItems().values().stream().mapToInt(List::size).sum());
      return r;
    }
  }

  /** Writes only the first half of every other batch and hands the rest back as unprocessed, as DynamoDB does under load. */
  static final class HalfUnprocessedClient extends DelegatingClient {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicLong returnedUnprocessed = new AtomicLong();

    HalfUnprocessedClient(DynamoDbClient delegate) {
      super(delegate);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      String table = request.requestItems().keySet().iterator().next();
      List<WriteRequest> all = request.requestItems().get(table);
      if (calls.incrementAndGet() % 2 == 0 || all.size() < 2) {
        return delegate.batchWriteItem(request);
      }
      List<WriteRequest> now = new ArrayList<>(all.subList(0, all.size() / 2));
      List<WriteRequest> later = new ArrayList<>(all.subList(all.size() / 2, all.size()));
      delegate.batchWriteItem(b -> b.requestItems(Map.of(table, now)));
      returnedUnprocessed.addAndGet(later.size());
      return BatchWriteItemResponse.builder().unprocessedItems(Map.of(table, later)).build();
    }
  }

  /** Passes through the calls the snapshot code makes. */
  static class DelegatingClient implements DynamoDbClient {
    final DynamoDbClient delegate;

    DelegatingClient(DynamoDbClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest r) {
      return delegate.describeTable(r);
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest r) {
      return delegate.createTable(r);
    }

    @Override
    public ScanResponse scan(ScanRequest r) {
      return delegate.scan(r);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
      return delegate.batchWriteItem(r);
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest r) {
      return delegate.describeTimeToLive(r);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {
      // the shared client stays open
    }
  }
}
