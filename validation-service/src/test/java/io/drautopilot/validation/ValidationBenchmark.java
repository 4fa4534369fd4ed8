package io.drautopilot.validation;

import io.drautopilot.integrity.RuleSet;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.testsupport.HeapWatch;
import io.drautopilot.testsupport.RawScan;
import io.drautopilot.validation.adapter.aws.DynamoDbTableSource;
import io.drautopilot.validation.adapter.aws.ParallelParts;
import io.drautopilot.validation.domain.ComparisonReport;
import io.drautopilot.validation.domain.KeyElement;
import io.drautopilot.validation.domain.TableComparator;
import io.drautopilot.validation.domain.TableValidator;
import io.drautopilot.validation.domain.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Validation and comparison throughput against a raw parallel Scan of the same table on the same
 * dynalite, in the same run, and the heap they hold. Not a test (it asserts nothing, it prints the
 * figures recorded in docs/benchmarks/validation-service.md): its name keeps it out of the test and
 * IT runs, the {@code benchmark} profile runs it, and only with -Dbench.items=N.
 */
@EnabledIfSystemProperty(named = "bench.items", matches = "\\d+")
class ValidationBenchmark {

  static final int SEGMENTS = 4;
  static final String TABLE = "bench-entities";

  @Test
  void measureValidationAndComparisonAgainstARawParallelScan() throws Exception {
    int n = Integer.parseInt(System.getProperty("bench.items"));
    Path dir = Files.createTempDirectory("dynalite-bench");
    try (Dynalite dynalite = Dynalite.start(dir);
        DynamoDbClient db = dynalite.client()) {
      TestTables.create(db, TABLE, true);
      long t0 = System.nanoTime();
      int writers = 4;
      ParallelParts.run(
          "bench-load",
          writers,
          w -> {
            for (int from = w * 1000; from < n; from += writers * 1000) {
              int to = Math.min(n, from + 1000);
              TestTables.put(
                  db,
                  TABLE,
                  java.util.stream.IntStream.range(from, to).mapToObj(TestTables::good).toList());
            }
          });
      System.out.printf("BENCH loaded %d items in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

      HeapWatch heap = new HeapWatch();
      double raw1 = rawScan(db, n);
      heap.reset();
      long v0 = System.nanoTime();
      ValidationReport v =
          new TableValidator(Clock.systemUTC(), true)
              .validate(
                  new DynamoDbTableSource(db, TABLE, null),
                  List.of(new KeyElement("PK", "HASH"), new KeyElement("SK", "RANGE")),
                  null,
                  SEGMENTS,
                  RuleSet.defaults(),
                  20,
                  ProgressListener.NONE);
      double validation = v.scannedItems() / ((System.nanoTime() - v0) / 1e9);
      long validationHeap = heap.peakAfterGc();
      double raw2 = rawScan(db, n);
      heap.reset();
      long c0 = System.nanoTime();
      ComparisonReport c =
          new TableComparator(Clock.systemUTC(), 1024, 200_000)
              .compare(
                  new DynamoDbTableSource(db, TABLE, null),
                  new DynamoDbTableSource(db, TABLE, null),
                  SEGMENTS,
                  20,
                  ProgressListener.NONE);
      double comparison =
          (c.sourceItemCount() + c.targetItemCount()) / ((System.nanoTime() - c0) / 1e9);
      long comparisonHeap = heap.peakAfterGc();
      heap.stop();
      double raw = (raw1 + raw2) / 2;
      System.out.printf(
          "BENCH items=%d segments=%d raw-scan=%.0f/s (%.0f, %.0f) validation=%.0f/s (%.2f of raw, passed=%s)"
              + " comparison=%.0f items/s read (%.2f of raw, matches=%s) heap-after-gc-peak validation=%d MiB comparison=%d MiB"
              + " max-heap=%d MiB%n",
          n,
          SEGMENTS,
          raw,
          raw1,
          raw2,
          validation,
          validation / raw,
          v.passed(),
          comparison,
          comparison / raw,
          c.matches(),
          validationHeap >> 20,
          comparisonHeap >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** Items/s of a bare parallel Scan (DynamoDB's 1 MB pages) that only counts what it reads. */
  static double rawScan(DynamoDbClient db, int expected) throws InterruptedException {
    return RawScan.itemsPerSecond(db, TABLE, SEGMENTS, null, expected);
  }
}
