package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.adapter.files.ImportCheckpoints;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.restore.domain.ProgressListener;
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
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
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
 *       the work directory, so a crashed import resumes where it stopped instead of starting over.
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
  public record Options(int parallelism, Backoff unprocessedRetry, int checkpointEveryBatches, Path workDirectory,
                        Duration tablePollInterval, Duration tableWaitTimeout) {
    public Options {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
    }

    public static Options defaults(Path workDirectory) {
      return new Options(4, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 12), 20, workDirectory,
          Duration.ofSeconds(1), Duration.ofMinutes(10));
    }

    public Options withParallelism(int n) {
      return new Options(n, unprocessedRetry, checkpointEveryBatches, workDirectory, tablePollInterval,
          tableWaitTimeout);
    }
  }

  /**
   * @param itemCount items in the snapshot (all of them are in the table afterwards)
   * @param itemsWritten items written by this run (fewer than itemCount when resumed)
   * @param resumedSegments segments that had a checkpoint when this run started
   * @param unprocessedRetries BatchWriteItem calls repeated for unprocessed items
   */
  public record Imported(String tableName, long itemCount, long itemsWritten, int resumedSegments,
                         long unprocessedRetries, boolean tableCreated, Duration duration) {}

  private final DynamoDbClient dynamo;
  private final Options options;

  public TableSnapshotImporter(DynamoDbClient dynamo, Options options) {
    this.dynamo = dynamo;
    this.options = options;
  }

  public Imported importSnapshot(Snapshot snapshot, String targetTable, String region, ProgressListener progress) {
    long started = System.nanoTime();
    SnapshotManifest manifest = snapshot.manifest()
        .filter(SnapshotManifest::complete)
        .orElseThrow(() -> new RestoreRefusedException("SnapshotNotUsable",
            "no complete manifest in " + snapshot.uri() + ": not a usable restore point"));
    ImportCheckpoints checkpoints = new ImportCheckpoints(options.workDirectory(), region, targetTable,
        manifest.tableName() + "-" + manifest.directoryName());

    boolean created = prepareTarget(manifest, targetTable, region, checkpoints);
    checkpoints.create();

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
    Writers writers = new Writers(targetTable, checkpoints, alreadyDone, manifest.itemCount(), started, progress);
    try {
      for (int i = 0; i < segments && writers.failure.get() == null; i++) {
        writers.readSegment(snapshot, i, skip[i]);
      }
      writers.finish();
    } finally {
      writers.pool.shutdownNow();
    }
    enableTimeToLive(manifest, targetTable);
    progress.progress(manifest.itemCount(), manifest.itemCount(), TableSnapshotExporter.rate(writers.written.get(),
        started), "imported into " + targetTable);
    return new Imported(targetTable, manifest.itemCount(), writers.written.get(), resumed,
        writers.unprocessedRetries.get(), created, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Safety check on the target, then create it if needed. @return true when this call created it */
  private boolean prepareTarget(SnapshotManifest manifest, String targetTable, String region,
                                ImportCheckpoints checkpoints) {
    TableDescription existing;
    try {
      existing = dynamo.describeTable(b -> b.tableName(targetTable)).table();
    } catch (ResourceNotFoundException e) {
      existing = null;
    }
    TargetState state;
    if (existing == null) {
      state = TargetState.ABSENT;
    } else if (checkpoints.exists()) {
      state = TargetState.CREATED_BY_THIS_RESTORE;
    } else {
      state = dynamo.scan(b -> b.tableName(targetTable).limit(1)).count() == 0
          ? TargetState.EMPTY : TargetState.HOLDS_OTHER_DATA;
    }
    // the same name in another region is a different table (scenario 1 restores into the secondary region)
    boolean sameRegion = manifest.region() == null || region == null || manifest.region().equals(region);
    RecoveryTargetPolicy.check(sameRegion ? manifest.tableName() : null, targetTable, state);
    if (existing != null) {
      Set<String> want = manifest.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyType())
          .collect(Collectors.toSet());
      Set<String> have = existing.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString())
          .collect(Collectors.toSet());
      if (!want.equals(have)) {
        throw new RestoreRefusedException("KeySchemaMismatch",
            "table " + targetTable + " has key schema " + have + " but the snapshot has " + want);
      }
      return false;
    }
    createLike(manifest, targetTable);
    TableWaits.untilActive(dynamo, targetTable, options.tablePollInterval(), options.tableWaitTimeout(),
        status -> { });
    return true;
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
    TimeToLiveDescription now = dynamo.describeTimeToLive(b -> b.tableName(targetTable)).timeToLiveDescription();
    boolean on = now != null && attribute.equals(now.attributeName())
        && ("ENABLED".equals(now.timeToLiveStatusAsString()) || "ENABLING".equals(now.timeToLiveStatusAsString()));
    if (!on) {
      dynamo.updateTimeToLive(b -> b.tableName(targetTable)
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
    manifest.globalSecondaryIndexes().forEach(i -> i.keySchema().forEach(k -> keyAttributes.add(k.attributeName())));
    manifest.localSecondaryIndexes().forEach(i -> i.keySchema().forEach(k -> keyAttributes.add(k.attributeName())));
    dynamo.createTable(b -> {
      b.tableName(targetTable).billingMode(BillingMode.PAY_PER_REQUEST)
          .keySchema(keySchema(manifest.keySchema()))
          // DynamoDB rejects definitions of attributes that no key or index uses
          .attributeDefinitions(manifest.attributeDefinitions().stream()
              .filter(a -> keyAttributes.contains(a.attributeName()))
              .map(a -> AttributeDefinition.builder().attributeName(a.attributeName())
                  .attributeType(a.attributeType()).build()).toList());
      if (!manifest.globalSecondaryIndexes().isEmpty()) {
        b.globalSecondaryIndexes(manifest.globalSecondaryIndexes().stream().map(i -> GlobalSecondaryIndex.builder()
            .indexName(i.indexName()).keySchema(keySchema(i.keySchema())).projection(projection(i)).build()).toList());
      }
      if (!manifest.localSecondaryIndexes().isEmpty()) {
        b.localSecondaryIndexes(manifest.localSecondaryIndexes().stream().map(i -> LocalSecondaryIndex.builder()
            .indexName(i.indexName()).keySchema(keySchema(i.keySchema())).projection(projection(i)).build()).toList());
      }
    });
  }

  private static List<KeySchemaElement> keySchema(List<SnapshotManifest.KeyElement> keys) {
    return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType())
        .build()).toList();
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

    Writers(String table, ImportCheckpoints checkpoints, long alreadyDone, long total, long started,
            ProgressListener progress) {
      this.pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
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
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(snapshot.openSegment(segment), 64 * 1024), StandardCharsets.UTF_8), 64 * 1024)) {
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
              throw new RestoreRefusedException("SnapshotCorrupt",
                  "segment " + segment + " line " + line + ": " + e.getMessage());
            }
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
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
      pool.execute(() -> {
        try {
          if (failure.get() == null) {
            if (!batch.isEmpty()) {
              writeBatch(batch);
            }
            ledger.applied(fromLine, toLine);
            written.addAndGet(batch.size());
            long now = done.addAndGet(batch.size());
            progress.progress(now, total, TableSnapshotExporter.rate(written.get(), started), "importing into " + table);
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
        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, send)));
        List<WriteRequest> unprocessed = response.hasUnprocessedItems()
            ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
        if (unprocessed.isEmpty()) {
          return;
        }
        if (attempt >= options.unprocessedRetry().maxAttempts()) {
          throw new RestoreRefusedException("UnprocessedItems", unprocessed.size() + " items still unprocessed after "
              + attempt + " BatchWriteItem attempts on " + table, true);
        }
        unprocessedRetries.incrementAndGet();
        sleep(options.unprocessedRetry().delayBeforeRetry(attempt, ThreadLocalRandom.current()::nextDouble));
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
