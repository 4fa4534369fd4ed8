package io.drautopilot.validation.domain;

import io.drautopilot.messaging.command.ProgressListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's data consistency verification, done properly: not only item counts but every item's
 * content, in bounded memory.
 *
 * <ol>
 *   <li>Read both sides at once, in parallel segments, into {@link BucketDigests}: exact counts and
 *       an order-independent digest per key-hash bucket.
 *   <li>Equal digests: the sides match. Otherwise read both sides again, keeping the key and content
 *       hash only of items in differing buckets, as many buckets as fit {@code maxRescanItems}
 *       (known exactly from the first pass), and name the missing, extra and changed keys.
 * </ol>
 */
public class TableComparator {

  private final Clock clock;
  private final int buckets;
  private final long maxRescanItems;

  public TableComparator(Clock clock, int buckets, long maxRescanItems) {
    this.clock = clock;
    this.buckets = buckets;
    this.maxRescanItems = maxRescanItems;
  }

  private record Hash(long high, long low) {}

  public ComparisonReport compare(
      ItemSource source,
      ItemSource target,
      int segments,
      int maxDifferingKeys,
      ProgressListener progress) {
    long started = clock.millis();
    BucketDigests sourceDigests = new BucketDigests(buckets);
    BucketDigests targetDigests = new BucketDigests(buckets);
    long expected =
        Math.max(0, source.approximateItemCount()) + Math.max(0, target.approximateItemCount());
    Long total = expected > 0 ? expected : null;
    AtomicLong done = new AtomicLong();
    bothSides(
        source,
        target,
        segments,
        item -> {
          sourceDigests.add(item);
          tick(done, total, progress);
        },
        item -> {
          targetDigests.add(item);
          tick(done, total, progress);
        });

    List<Integer> differing = sourceDigests.differingBuckets(targetDigests);
    List<String> missing = List.of();
    List<String> extra = List.of();
    List<String> changed = List.of();
    long missingCount = 0;
    long extraCount = 0;
    long changedCount = 0;
    boolean complete = true;
    if (!differing.isEmpty()) {
      BitSet chosen = chooseBuckets(differing, sourceDigests, targetDigests);
      complete = chosen.cardinality() == differing.size();
      Map<String, Hash> inSource = new ConcurrentHashMap<>();
      Map<String, Hash> inTarget = new ConcurrentHashMap<>();
      progress.progress(
          done.get(),
          total,
          differing.size() + " of " + buckets + " buckets differ: naming the keys");
      bothSides(
          source,
          target,
          segments,
          item -> keep(item, chosen, sourceDigests, inSource),
          item -> keep(item, chosen, targetDigests, inTarget));
      TreeSet<String> m = new TreeSet<>();
      TreeSet<String> c = new TreeSet<>();
      inSource.forEach(
          (key, hash) -> {
            Hash other = inTarget.get(key);
            if (other == null) {
              m.add(key);
            } else if (!other.equals(hash)) {
              c.add(key);
            }
          });
      TreeSet<String> e = new TreeSet<>();
      inTarget
          .keySet()
          .forEach(
              key -> {
                if (!inSource.containsKey(key)) {
                  e.add(key);
                }
              });
      missing = first(m, maxDifferingKeys);
      extra = first(e, maxDifferingKeys);
      changed = first(c, maxDifferingKeys);
      missingCount = m.size();
      extraCount = e.size();
      changedCount = c.size();
      complete =
          complete
              && missing.size() == m.size()
              && extra.size() == e.size()
              && changed.size() == c.size();
    }
    return new ComparisonReport(
        differing.isEmpty(),
        sourceDigests.totalCount(),
        targetDigests.totalCount(),
        sourceDigests.digest(),
        targetDigests.digest(),
        differing.size(),
        missing,
        extra,
        changed,
        clock.millis() - started,
        missingCount,
        extraCount,
        changedCount,
        complete);
  }

  private BitSet chooseBuckets(List<Integer> differing, BucketDigests a, BucketDigests b) {
    BitSet chosen = new BitSet(buckets);
    long budget = 0;
    for (int bucket : differing) {
      long cost = a.count(bucket) + b.count(bucket);
      if (!chosen.isEmpty() && budget + cost > maxRescanItems) {
        break;
      }
      chosen.set(bucket);
      budget += cost;
    }
    return chosen;
  }

  private static void keep(
      ScannedItem item, BitSet chosen, BucketDigests digests, Map<String, Hash> into) {
    if (chosen.get(digests.bucketOf(item.keyHash()))) {
      into.put(item.key(), new Hash(item.contentHashHigh(), item.contentHashLow()));
    }
  }

  private static void tick(AtomicLong done, Long total, ProgressListener progress) {
    long n = done.incrementAndGet();
    if (n % 1000 == 0) {
      progress.progress(n, total, "compared " + n + " items");
    }
  }

  private static List<String> first(TreeSet<String> keys, int max) {
    List<String> out = new ArrayList<>(Math.min(keys.size(), Math.max(0, max)));
    for (String k : keys) {
      if (out.size() >= max) {
        break;
      }
      out.add(k);
    }
    return out;
  }

  /** Scans both sides at the same time (they are usually different tables, often different endpoints). */
  private static void bothSides(
      ItemSource source,
      ItemSource target,
      int segments,
      java.util.function.Consumer<ScannedItem> sourceSink,
      java.util.function.Consumer<ScannedItem> targetSink) {
    ExecutorService two =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "compare-side");
              t.setDaemon(true);
              return t;
            });
    try {
      CompletableFuture<Void> s =
          CompletableFuture.runAsync(() -> source.scan(segments, 0, sourceSink), two);
      CompletableFuture<Void> t =
          CompletableFuture.runAsync(() -> target.scan(segments, 0, targetSink), two);
      CompletableFuture.allOf(s, t).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    } finally {
      two.shutdownNow();
    }
  }
}
