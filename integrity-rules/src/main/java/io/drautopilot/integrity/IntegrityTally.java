package io.drautopilot.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a {@link RuleSet} found over many items, from many threads: items seen, valid and
 * invalid, violations per rule, and the first {@code maxInvalidKeys} invalid keys (keys only).
 * Memory stays bounded however many items are recorded.
 */
public final class IntegrityTally {

  private final RuleSet rules;
  private final int maxInvalidKeys;
  private final LongAdder scanned = new LongAdder();
  private final LongAdder invalid = new LongAdder();
  private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();
  private final List<String> invalidKeys = new ArrayList<>();

  public IntegrityTally(RuleSet rules, int maxInvalidKeys) {
    this.rules = rules;
    this.maxInvalidKeys = Math.max(0, maxInvalidKeys);
  }

  /** Evaluates one item and counts it; returns its violations. */
  public List<Violation> record(ItemView item) {
    List<Violation> violations = rules.evaluate(item);
    scanned.increment();
    if (!violations.isEmpty()) {
      invalid.increment();
      for (Violation v : violations) {
        byRule.computeIfAbsent(v.rule(), r -> new LongAdder()).increment();
      }
      synchronized (invalidKeys) {
        if (invalidKeys.size() < maxInvalidKeys) {
          invalidKeys.add(rules.keyOf(item));
        }
      }
    }
    return violations;
  }

  public long scanned() {
    return scanned.sum();
  }

  public long invalid() {
    return invalid.sum();
  }

  public long valid() {
    return scanned() - invalid();
  }

  /** The first invalid keys seen (at most {@code maxInvalidKeys}). */
  public List<String> invalidKeys() {
    synchronized (invalidKeys) {
      return List.copyOf(invalidKeys);
    }
  }

  /** Violation count per rule id, sorted by rule id. */
  public Map<String, Long> violationsByRule() {
    Map<String, Long> out = new TreeMap<>();
    byRule.forEach((rule, n) -> out.put(rule, n.sum()));
    return out;
  }
}
