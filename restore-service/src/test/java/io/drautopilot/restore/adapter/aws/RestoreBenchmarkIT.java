package io.drautopilot.restore.adapter.aws;

import io.drautopilot.localstack.Dynalite;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.domain.Backoff;
import io.drautopilot.snapshots.LocalSnapshotLocation;
import io.drautopilot.testsupport.HeapWatch;
import io.drautopilot.testsupport.RawScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Snapshot export and import throughput against a raw parallel Scan and a raw BatchWriteItem loop on
 * the same dynalite, in the same run, and the heap export and import hold. Not a test: runs only with
 * -Dbench.items=N and prints the figures recorded in docs/benchmarks/restore-service.md.
 */
@EnabledIfSystemProperty(named = "bench.items", matches = "\\d+")
class RestoreBenchmarkIT {

  static final int PARALLELISM = 4;
  static final int PAGE_SIZE = 500;
  static final String SOURCE = "bench-entities";
  static final Backoff UNPROCESSED = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 12);

  @Test
  void measureExportAndImportAgainstRawScanAndRawBatchWrite() throws Exception {
    int n = Integer.parseInt(System.getProperty("bench.items"));
    Path dir = Files.createTempDirectory("dynalite-bench");
    Path snapshots = Files.createTempDirectory("snapshots-bench");
    Path work = Files.createTempDirectory("restore-work-bench");
    try (Dynalite dynalite = Dynalite.start(dir);
        DynamoDbClient db = dynalite.client()) {
      TestTables.createEntitiesTable(db, SOURCE);
      long t0 = System.nanoTime();
      TestTables.fill(db, SOURCE, n, PARALLELISM);
      System.out.printf("BENCH loaded %d items in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

      HeapWatch heap = new HeapWatch();

      // (1) reading: raw scan, export, raw scan
      double rawScan1 = rawScan(db, n);
      heap.reset();
      long e0 = System.nanoTime();
      TableSnapshotExporter.Exported exported =
          new TableSnapshotExporter(
                  db, new TableSnapshotExporter.Options(PARALLELISM, PAGE_SIZE, Clock.systemUTC()))
              .export(
                  SOURCE, "us-east-1", new LocalSnapshotLocation(snapshots), ProgressListener.NONE);
      double export = exported.manifest().itemCount() / ((System.nanoTime() - e0) / 1e9);
      long exportHeap = heap.peakAfterGc();
      if (exported.manifest().itemCount() != n) {
        throw new AssertionError("export wrote " + exported.manifest().itemCount() + " of " + n);
      }
      double rawScan2 = rawScan(db, n);

      // (2) writing: raw batch write, import into a fresh table, raw batch write
      AtomicLong rawRetries = new AtomicLong();
      double rawWrite1 = rawBatchWrite(db, "bench-raw-1", n, rawRetries);
      heap.reset();
      long i0 = System.nanoTime();
      TableSnapshotImporter.Imported imported =
          new TableSnapshotImporter(
                  db,
                  new TableSnapshotImporter.Options(
                      PARALLELISM,
                      UNPROCESSED,
                      20,
                      work,
                      Duration.ofMillis(50),
                      Duration.ofMinutes(1)))
              .importSnapshot(
                  exported.snapshot(), "bench-restored", "us-east-1", ProgressListener.NONE);
      double importRate = imported.itemsWritten() / ((System.nanoTime() - i0) / 1e9);
      long importHeap = heap.peakAfterGc();
      if (imported.itemsWritten() != n) {
        throw new AssertionError("import wrote " + imported.itemsWritten() + " of " + n);
      }
      double rawWrite2 = rawBatchWrite(db, "bench-raw-2", n, rawRetries);
      heap.stop();

      double rawScan = (rawScan1 + rawScan2) / 2;
      double rawWrite = (rawWrite1 + rawWrite2) / 2;
      System.out.printf(
          "BENCHMARK items=%d parallelism=%d page-size=%d raw-scan=%.0f/s (%.0f, %.0f)"
              + " export=%.0f/s (%.2f of raw) raw-batch-write=%.0f/s (%.0f, %.0f, unprocessed retries %d)"
              + " import=%.0f/s (%.2f of raw, unprocessed retries %d) heap-after-gc-peak export=%d MiB"
              + " import=%d MiB max-heap=%d MiB%n",
          n,
          PARALLELISM,
          PAGE_SIZE,
          rawScan,
          rawScan1,
          rawScan2,
          export,
          export / rawScan,
          rawWrite,
          rawWrite1,
          rawWrite2,
          rawRetries.get(),
          importRate,
          importRate / rawWrite,
          imported.unprocessedRetries(),
          exportHeap >> 20,
          importHeap >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** Items/s of a bare parallel Scan (same segments and page size as the export) that only counts. */
  static double rawScan(DynamoDbClient db, int expected) throws Exception {
    return RawScan.itemsPerSecond(db, SOURCE, PARALLELISM, PAGE_SIZE, expected);
  }

  /**
   * Items/s of a bare BatchWriteItem loop into a fresh table (created before the clock starts):
   * {@code PARALLELISM} threads taking 25-item batches in turn, unprocessed items retried with the
   * importer's backoff.
   */
  static double rawBatchWrite(DynamoDbClient db, String table, int n, AtomicLong retries)
      throws Exception {
    TestTables.createEntitiesTable(db, table);
    AtomicInteger next = new AtomicInteger();
    AtomicLong written = new AtomicLong();
    long t0 = System.nanoTime();
    parallel(
        PARALLELISM,
        thread -> {
          int from;
          while ((from = next.getAndAdd(TableSnapshotImporter.MAX_BATCH)) < n) {
            List<WriteRequest> pending = new ArrayList<>(TableSnapshotImporter.MAX_BATCH);
            for (int i = from; i < Math.min(n, from + TableSnapshotImporter.MAX_BATCH); i++) {
              pending.add(
                  WriteRequest.builder()
                      .putRequest(PutRequest.builder().item(TestTables.item(i)).build())
                      .build());
            }
            int size = pending.size();
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
              List<WriteRequest> send = pending;
              BatchWriteItemResponse r =
                  db.batchWriteItem(b -> b.requestItems(Map.of(table, send)));
              pending =
                  r.hasUnprocessedItems()
                      ? r.unprocessedItems().getOrDefault(table, List.of())
                      : List.of();
              if (!pending.isEmpty()) {
                if (attempt >= UNPROCESSED.maxAttempts()) {
                  throw new IllegalStateException(pending.size() + " items still unprocessed");
                }
                retries.incrementAndGet();
                TableSnapshotImporter.sleep(
                    UNPROCESSED.delayBeforeRetry(attempt, ThreadLocalRandom.current()::nextDouble));
              }
            }
            written.addAndGet(size);
          }
        });
    if (written.get() != n) {
      throw new AssertionError("raw batch write wrote " + written.get() + " of " + n);
    }
    return written.get() / ((System.nanoTime() - t0) / 1e9);
  }

  static void parallel(int threads, IntConsumer part) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(pool.submit(() -> part.accept(index)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
