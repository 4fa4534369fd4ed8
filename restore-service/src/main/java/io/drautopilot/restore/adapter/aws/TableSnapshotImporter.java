package io.drautopilot.restore.adapter.aws;

import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.adapter.files.ImportCheckpoints;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.RecoveryTargetPolicy;
import io.drautopilot.restore.domain.RecoveryTargetPolicy.TargetState;
import io.drautopilot.restore.domain.RestoreRefusedException;
import io.drautopilot.snapshots.Snapshot;
import io.drautopilot.snapshots.SnapshotManifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * ImportTableSnapshot: loads a logical snapshot (local directory or S3) into a recovery table with
 * BatchWriteItem.
 *
 * <ul>
 *   <li>creates the target table from the manifest (on-demand, key schema, global and local
 *       secondary indexes, then TTL) when it does not exist, and refuses to write into a table
 *       holding data this import did not write;
 *   <li>one reader streams the segment files; {@code parallelism} writers send 25-item batches, with
 *       at most {@code 2 x parallelism} batches in memory, whatever the snapshot size;
 *   <li>unprocessed items are retried with exponential backoff and full jitter;
 *   <li>per segment, the count of lines whose batches all succeeded (in order) is checkpointed in
 *       the work directory, so a crashed import resumes where it stopped instead of starting over;
 *       checkpoints are bound to the table (its TableId, or ARN and creation time) and the snapshot
 *       they were written for, and discarded when the target is another;
 *   <li>the result counts what this run wrote and what the table holds afterwards.
 * </ul>
 */
public class TableSnapshotImporter {

  static final int MAX_BATCH = 25;

  /**
   * @param parallelism concurrent BatchWriteItem calls
   * @param unprocessedRetry backoff for items DynamoDB returns as unprocessed
   * @param checkpointEveryBatches how many completed batches of a segment between checkpoint writes
   * @param workDirectory where checkpoints live (must survive a restart of the service)
   * @param tablePollInterval how often to look whether a created table is ACTIVE
   */
  public record Options(
      int parallelism,
      Backoff unprocessedRetry,
      int checkpointEveryBatches,
      Path workDirectory,
      Duration tablePollInterval,
      Duration tableWaitTimeout) {
    public Options {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
    }

    public static Options defaults(Path workDirectory) {
      return new Options(
          4,
          new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 12),
          20,
          workDirectory,
          Duration.ofSeconds(1),
          Duration.ofMinutes(10));
    }

    public Options withParallelism(int n) {
      return new Options(
          n,
          unprocessedRetry,
          checkpointEveryBatches,
          workDirectory,
          tablePollInterval,
          tableWaitTimeout);
    }
  }

  /**
   * @param itemCount items in the snapshot
   * @param itemsInTable items the table holds once the import is done (counted, not assumed)
   * @param itemsWritten items written by this run (fewer than itemCount when resumed)
   * @param resumedSegments segments whose checkpoints this run trusted and skipped lines of
   * @param unprocessedRetries BatchWriteItem calls repeated for unprocessed items
   */
  public record Imported(
      String tableName,
      long itemCount,
      long itemsInTable,
      long itemsWritten,
      int resumedSegments,
      long unprocessedRetries,
      boolean tableCreated,
      Duration duration) {}

  private static final Logger log = LoggerFactory.getLogger(TableSnapshotImporter.class);

  private final DynamoDbClient dynamo;
  private final Options options;

  public TableSnapshotImporter(DynamoDbClient dynamo, Options options) {
    this.dynamo = dynamo;
    this.options = options;
  }

  /**
   * Loads {@code snapshot} into {@code targetTable}. Succeeds only when the table holds at least every
   * item of the snapshot afterwards, counted with a consistent Scan: an import never reports items it
   * did not see in the table.
   */
  public Imported importSnapshot(
      Snapshot snapshot, String targetTable, String region, ProgressListener progress) {
    long started = System.nanoTime();
    SnapshotManifest manifest =
        snapshot
            .manifest()
            .filter(SnapshotManifest::complete)
            .orElseThrow(
                () ->
                    new RestoreRefusedException(
                        "SnapshotNotUsable",
                        "no complete manifest in "
                            + snapshot.uri()
                            + ": not a usable restore point"));
    ImportCheckpoints checkpoints =
        new ImportCheckpoints(
            options.workDirectory(),
            region,
            targetTable,
            manifest.tableName() + "-" + manifest.directoryName());

    Target target = prepareTarget(snapshot, manifest, targetTable, region, checkpoints);

    Pass pass = write(snapshot, manifest, targetTable, checkpoints, started, progress);
    long written = pass.written();
    long retries = pass.unprocessedRetries();
    int resumed = pass.resumedSegments();
    long inTable = countItems(targetTable);
    if (inTable < manifest.itemCount() && pass.skippedLines() > 0) {
      // the checkpoints said lines were written that the table does not hold: trust them no more
      log.warn(
          "{} holds {} of the {} items of {} after resuming from checkpoints; discarding them and importing "
              + "every line again",
          targetTable,
          inTable,
          manifest.itemCount(),
          snapshot.uri());
      checkpoints.discard();
      checkpoints.bind(target.binding());
      Pass again = write(snapshot, manifest, targetTable, checkpoints, started, progress);
      written += again.written();
      retries += again.unprocessedRetries();
      resumed = 0;
      inTable = countItems(targetTable);
    }
    if (inTable < manifest.itemCount()) {
      throw new RestoreRefusedException(
          "ImportIncomplete",
          targetTable
              + " holds "
              + inTable
              + " items after "
              + "importing the "
              + manifest.itemCount()
              + " items of "
              + snapshot.uri()
              + " ("
              + written
              + " written by this import): something else removes items from it");
    }
    enableTimeToLive(manifest, targetTable);
    String summary =
        "imported into "
            + targetTable
            + ": "
            + written
            + " items written by this import"
            + (resumed > 0 ? " (" + resumed + " segments resumed from checkpoints)" : "")
            + ", the table holds "
            + inTable
            + " items";
    log.info("{} from {}", summary, snapshot.uri());
    progress.progress(
        inTable, manifest.itemCount(), TableSnapshotExporter.rate(written, started), summary);
    return new Imported(
        targetTable,
        manifest.itemCount(),
        inTable,
        written,
        resumed,
        retries,
        target.created(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** What one pass over the snapshot did. */
  private record Pass(
      long written, long skippedLines, int resumedSegments, long unprocessedRetries) {}

  private Pass write(
      Snapshot snapshot,
      SnapshotManifest manifest,
      String targetTable,
      ImportCheckpoints checkpoints,
      long started,
      ProgressListener progress) {
    int segments = manifest.segments();
    long[] skip = new long[segments];
    int resumed = 0;
    long alreadyDone = 0;
    for (int i = 0; i < segments; i++) {
      skip[i] = checkpoints.linesApplied(i);
      if (skip[i] > 0) {
        resumed++;
        alreadyDone += skip[i];
      }
    }
    Writers writers =
        new Writers(targetTable, checkpoints, alreadyDone, manifest.itemCount(), started, progress);
    try {
      for (int i = 0; i < segments && writers.failure.get() == null; i++) {
        writers.readSegment(snapshot, i, skip[i]);
      }
      writers.finish();
    } finally {
      writers.pool.shutdownNow();
    }
    return new Pass(writers.written.get(), alreadyDone, resumed, writers.unprocessedRetries.get());
  }

  /** Items in the table, by a parallel consistent COUNT Scan (DescribeTable's ItemCount lags by hours on AWS). */
  long countItems(String table) {
    int segments = options.parallelism();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            segments,
            r -> {
              Thread t = new Thread(r, "count-" + table);
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<Long>> parts = new ArrayList<>();
      for (int i = 0; i < segments; i++) {
        int segment = i;
        parts.add(
            pool.submit(
                () -> {
                  long count = 0;
                  Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from =
                      null;
                  do {
                    var start = from;
                    ScanResponse page =
                        dynamo.scan(
                            b -> {
                              b.tableName(table)
                                  .select(Select.COUNT)
                                  .consistentRead(true)
                                  .segment(segment)
                                  .totalSegments(segments);
                              if (start != null) {
                                b.exclusiveStartKey(start);
                              }
                            });
                    count += page.count();
                    from =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                            ? page.lastEvaluatedKey()
                            : null;
                  } while (from != null);
                  return count;
                }));
      }
      long total = 0;
      for (var part : parts) {
        total += TableSnapshotExporter.await(part);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The target table, and what the checkpoints of this import are bound to. */
  private record Target(boolean created, ImportCheckpoints.Binding binding) {}

  /**
   * Safety check on the target, then create it if needed, and bind the checkpoints to it before any
   * item is written. Checkpoints left for another table of the same name (dropped and created again
   * since) or another snapshot are discarded: only this very table's checkpoints may skip lines.
   */
  private Target prepareTarget(
      Snapshot snapshot,
      SnapshotManifest manifest,
      String targetTable,
      String region,
      ImportCheckpoints checkpoints) {
    TableDescription existing = describe(targetTable);
    boolean resuming = false;
    if (checkpoints.exists()) {
      Optional<ImportCheckpoints.Binding> bound = checkpoints.binding();
      resuming =
          existing != null
              && bound.isPresent()
              && bound.get().sameTarget(binding(snapshot, manifest, existing));
      if (!resuming) {
        log.warn(
            "Discarding stale import checkpoints in {}: they were written for {}, but the target is now {}; "
                + "the import of {} into {} starts over",
            checkpoints.directory(),
            bound.map(Object::toString).orElse("an unknown target"),
            existing == null ? "absent" : binding(snapshot, manifest, existing),
            snapshot.uri(),
            targetTable);
        checkpoints.discard();
      }
    }
    TargetState state;
    if (existing == null) {
      state = TargetState.ABSENT;
    } else if (resuming) {
      state = TargetState.CREATED_BY_THIS_RESTORE;
    } else {
      state =
          dynamo.scan(b -> b.tableName(targetTable).limit(1)).count() == 0
              ? TargetState.EMPTY
              : TargetState.HOLDS_OTHER_DATA;
    }
    // the same name in another region is a different table (scenario 1 restores into the secondary
    // region)
    boolean sameRegion =
        manifest.region() == null || region == null || manifest.region().equals(region);
    RecoveryTargetPolicy.check(sameRegion ? manifest.tableName() : null, targetTable, state);
    boolean created = false;
    if (existing != null) {
      Set<String> want =
          manifest.keySchema().stream()
              .map(k -> k.attributeName() + ":" + k.keyType())
              .collect(Collectors.toSet());
      Set<String> have =
          existing.keySchema().stream()
              .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
              .collect(Collectors.toSet());
      if (!want.equals(have)) {
        throw new RestoreRefusedException(
            "KeySchemaMismatch",
            "table " + targetTable + " has key schema " + have + " but the snapshot has " + want);
      }
    } else {
      createLike(manifest, targetTable);
      existing =
          TableWaits.untilActive(
              dynamo,
              targetTable,
              options.tablePollInterval(),
              options.tableWaitTimeout(),
              status -> {});
      created = true;
    }
    ImportCheckpoints.Binding binding = binding(snapshot, manifest, existing);
    if (!resuming) {
      checkpoints.bind(binding);
    }
    return new Target(created, binding);
  }

  private static ImportCheckpoints.Binding binding(
      Snapshot snapshot, SnapshotManifest manifest, TableDescription t) {
    return new ImportCheckpoints.Binding(
        snapshot.uri(),
        String.valueOf(manifest.takenAt()),
        manifest.itemCount(),
        manifest.segments(),
        t.tableName(),
        t.tableId(),
        t.tableArn(),
        t.creationDateTime() == null ? null : t.creationDateTime().toString());
  }

  private TableDescription describe(String table) {
    try {
      return dynamo.describeTable(b -> b.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  /**
   * TTL as the source had it, switched on once every item is in (so nothing expires mid-import that
   * the source still held), also when a resumed import finds the table already there.
   */
  private void enableTimeToLive(SnapshotManifest manifest, String targetTable) {
    String attribute = manifest.timeToLiveAttribute();
    if (attribute == null) {
      return;
    }
    TimeToLiveDescription now =
        dynamo.describeTimeToLive(b -> b.tableName(targetTable)).timeToLiveDescription();
    boolean on =
        now != null
            && attribute.equals(now.attributeName())
            && (now.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                || now.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
    if (!on) {
      dynamo.updateTimeToLive(
          b ->
              b.tableName(targetTable)
                  .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
    }
  }

  /**
   * Creates the target on demand with the snapshot's key schema and secondary indexes (an application
   * cut over to the recovery table queries its indexes). Provisioned capacity is not copied: the
   * recovery table is PAY_PER_REQUEST; the runbook's auto-scaling step sets capacity afterwards.
   */
  private void createLike(SnapshotManifest manifest, String targetTable) {
    Set<String> keyAttributes = new java.util.HashSet<>();
    manifest.keySchema().forEach(k -> keyAttributes.add(k.attributeName()));
    manifest
        .globalSecondaryIndexes()
        .forEach(i -> i.keySchema().forEach(k -> keyAttributes.add(k.attributeName())));
    manifest
        .localSecondaryIndexes()
        .forEach(i -> i.keySchema().forEach(k -> keyAttributes.add(k.attributeName())));
    dynamo.createTable(
        b -> {
          b.tableName(targetTable)
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .keySchema(keySchema(manifest.keySchema()))
              // DynamoDB rejects definitions of attributes that no key or index uses
              .attributeDefinitions(
                  manifest.attributeDefinitions().stream()
                      .filter(a -> keyAttributes.contains(a.attributeName()))
                      .map(
                          a ->
                              AttributeDefinition.builder()
                                  .attributeName(a.attributeName())
                                  .attributeType(a.attributeType())
                                  .build())
                      .toList());
          if (!manifest.globalSecondaryIndexes().isEmpty()) {
            b.globalSecondaryIndexes(
                manifest.globalSecondaryIndexes().stream()
                    .map(
                        i ->
                            GlobalSecondaryIndex.builder()
                                .indexName(i.indexName())
                                .keySchema(keySchema(i.keySchema()))
                                .projection(projection(i))
                                .build())
                    .toList());
          }
          if (!manifest.localSecondaryIndexes().isEmpty()) {
            b.localSecondaryIndexes(
                manifest.localSecondaryIndexes().stream()
                    .map(
                        i ->
                            LocalSecondaryIndex.builder()
                                .indexName(i.indexName())
                                .keySchema(keySchema(i.keySchema()))
                                .projection(projection(i))
                                .build())
                    .toList());
          }
        });
  }

  private static List<KeySchemaElement> keySchema(List<SnapshotManifest.KeyElement> keys) {
    return keys.stream()
        .map(
            k ->
                KeySchemaElement.builder()
                    .attributeName(k.attributeName())
                    .keyType(k.keyType())
                    .build())
        .toList();
  }

  private static Projection projection(SnapshotManifest.SecondaryIndex index) {
    Projection.Builder p = Projection.builder().projectionType(index.projectionType());
    if (!index.nonKeyAttributes().isEmpty()) {
      p.nonKeyAttributes(index.nonKeyAttributes());
    }
    return p.build();
  }

  /** The writer pool and the per-segment bookkeeping of which lines are safely written. */
  private final class Writers {
    final ExecutorService pool;
    final Semaphore inFlight;
    final String table;
    final ImportCheckpoints checkpoints;
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final AtomicLong done;
    final AtomicLong written = new AtomicLong();
    final AtomicLong unprocessedRetries = new AtomicLong();
    final Long total;
    final long started;
    final ProgressListener progress;
    final List<SegmentLedger> ledgers = new ArrayList<>();

    Writers(
        String table,
        ImportCheckpoints checkpoints,
        long alreadyDone,
        long total,
        long started,
        ProgressListener progress) {
      this.pool =
          Executors.newFixedThreadPool(
              options.parallelism(),
              r -> {
                Thread t = new Thread(r, "import-" + table);
                t.setDaemon(true);
                return t;
              });
      this.inFlight = new Semaphore(2 * options.parallelism());
      this.table = table;
      this.checkpoints = checkpoints;
      this.done = new AtomicLong(alreadyDone);
      this.total = total;
      this.started = started;
      this.progress = progress;
    }

    void readSegment(Snapshot snapshot, int segment, long skip) {
      SegmentLedger ledger = new SegmentLedger(segment, skip);
      ledgers.add(ledger);
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(snapshot.openSegment(segment), 64 * 1024),
                  StandardCharsets.UTF_8),
              64 * 1024)) {
        long line = 0;
        while (line < skip && reader.readLine() != null) {
          line++;
        }
        List<WriteRequest> batch = new ArrayList<>(MAX_BATCH);
        long batchStart = line;
        String text;
        while ((text = reader.readLine()) != null) {
          if (failure.get() != null) {
            return;
          }
          line++;
          if (!text.isBlank()) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item;
            try {
              item = DynamoJson.fromLine(text);
            } catch (IllegalArgumentException e) {
              throw new RestoreRefusedException(
                  "SnapshotCorrupt",
                  "segment " + segment + " line " + line + ": " + e.getMessage());
            }
            batch.add(
                WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
          }
          if (batch.size() == MAX_BATCH) {
            submit(ledger, batch, batchStart, line);
            batch = new ArrayList<>(MAX_BATCH);
            batchStart = line;
          }
        }
        if (!batch.isEmpty() || batchStart < line) {
          submit(ledger, batch, batchStart, line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read segment " + segment, e);
      }
    }

    void submit(SegmentLedger ledger, List<WriteRequest> batch, long fromLine, long toLine) {
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      pool.execute(
          () -> {
            try {
              if (failure.get() == null) {
                if (!batch.isEmpty()) {
                  writeBatch(batch);
                }
                ledger.applied(fromLine, toLine);
                written.addAndGet(batch.size());
                long now = done.addAndGet(batch.size());
                progress.progress(
                    now,
                    total,
                    TableSnapshotExporter.rate(written.get(), started),
                    "importing into " + table);
              }
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            } finally {
              inFlight.release();
            }
          });
    }

    void writeBatch(List<WriteRequest> batch) {
      List<WriteRequest> pending = batch;
      for (int attempt = 1; ; attempt++) {
        List<WriteRequest> send = pending;
        BatchWriteItemResponse response =
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, send)));
        List<WriteRequest> unprocessed =
            response.hasUnprocessedItems()
                ? response.unprocessedItems().getOrDefault(table, List.of())
                : List.of();
        if (unprocessed.isEmpty()) {
          return;
        }
        if (attempt >= options.unprocessedRetry().maxAttempts()) {
          throw new RestoreRefusedException(
              "UnprocessedItems",
              unprocessed.size()
                  + " items still unprocessed after "
                  + attempt
                  + " BatchWriteItem attempts on "
                  + table,
              true);
        }
        unprocessedRetries.incrementAndGet();
        sleep(
            options
                .unprocessedRetry()
                .delayBeforeRetry(attempt, ThreadLocalRandom.current()::nextDouble));
        pending = unprocessed;
      }
    }

    void finish() {
      try {
        // every permit back means every submitted batch has finished
        inFlight.acquire(2 * options.parallelism());
        inFlight.release(2 * options.parallelism());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      RuntimeException failed = failure.get();
      if (failed != null) {
        throw failed;
      }
      for (SegmentLedger ledger : ledgers) {
        ledger.checkpointNow();
      }
    }

    /** Which lines of one segment are written; checkpoints the contiguous prefix. */
    final class SegmentLedger {
      final int segment;
      long committed;
      long lastRecorded;
      int sinceCheckpoint;
      final TreeMap<Long, Long> completedOutOfOrder = new TreeMap<>();

      SegmentLedger(int segment, long committed) {
        this.segment = segment;
        this.committed = committed;
        this.lastRecorded = committed;
      }

      synchronized void applied(long fromLine, long toLine) {
        completedOutOfOrder.put(fromLine, toLine);
        Long next;
        while ((next = completedOutOfOrder.remove(committed)) != null) {
          committed = next;
        }
        if (++sinceCheckpoint >= options.checkpointEveryBatches()) {
          checkpointNow();
        }
      }

      synchronized void checkpointNow() {
        if (committed != lastRecorded) {
          checkpoints.record(segment, committed);
          lastRecorded = committed;
        }
        sinceCheckpoint = 0;
      }
    }
  }

  static void sleep(Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
