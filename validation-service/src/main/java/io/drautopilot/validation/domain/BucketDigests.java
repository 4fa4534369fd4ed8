package io.drautopilot.validation.domain;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An order-independent digest of a set of items, kept per key-hash bucket: for each bucket the item
 * count and the sums (mod 2^64, per half) of the items' 128-bit content hashes. Buckets, not scan
 * segments, because two tables assign the same key to different scan segments but always to the
 * same bucket; so a difference is confined to the buckets that differ, and only those need a second
 * look. Fixed size whatever the number of items.
 */
public final class BucketDigests {

  private final int buckets;
  private final AtomicLongArray counts;
  private final AtomicLongArray high;
  private final AtomicLongArray low;

  public BucketDigests(int buckets) {
    this.buckets = buckets;
    this.counts = new AtomicLongArray(buckets);
    this.high = new AtomicLongArray(buckets);
    this.low = new AtomicLongArray(buckets);
  }

  public int bucketOf(long keyHash) {
    return (int) Math.floorMod(keyHash, (long) buckets);
  }

  /** Adds one item; safe from many threads. */
  public void add(ScannedItem item) {
    int b = bucketOf(item.keyHash());
    counts.incrementAndGet(b);
    high.addAndGet(b, item.contentHashHigh());
    low.addAndGet(b, item.contentHashLow());
  }

  public long count(int bucket) {
    return counts.get(bucket);
  }

  public long totalCount() {
    long n = 0;
    for (int i = 0; i < buckets; i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** The buckets whose count or content sums differ from {@code other}'s. */
  public List<Integer> differingBuckets(BucketDigests other) {
    if (other.buckets != buckets) {
      throw new IllegalArgumentException(
          "bucket counts differ: " + buckets + " vs " + other.buckets);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      if (counts.get(i) != other.counts.get(i)
          || high.get(i) != other.high.get(i)
          || low.get(i) != other.low.get(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** One hex digest of every bucket: equal for equal item sets, whatever order they were read in. */
  public String digest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(24);
      for (int i = 0; i < buckets; i++) {
        buf.clear();
        buf.putLong(counts.get(i)).putLong(high.get(i)).putLong(low.get(i));
        md.update(buf.array());
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
