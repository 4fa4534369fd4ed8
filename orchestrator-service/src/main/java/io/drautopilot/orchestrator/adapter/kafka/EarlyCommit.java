package io.drautopilot.orchestrator.adapter.kafka;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit as soon as an input's outputs are ready instead of at the end of the
 * commit interval: under exactly-once a command is readable by its handler only once its transaction
 * commits. Spaced by {@link OrchestratorTopology#EARLY_COMMIT_SPACING_MS}: when the stream thread asked
 * less than that ago, it asks again once the spacing has passed, so a busy thread still commits many
 * inputs in one transaction. A commit request only brings the commit forward: what is committed, and
 * that it is one transaction, stays Kafka Streams'.
 */
final class EarlyCommit {

  /** When a task of this stream thread last asked: all tasks of a thread commit in one transaction. */
  private static final ThreadLocal<long[]> lastAsked =
      ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});

  private final ProcessorContext<?, ?> context;
  private final long spacingMs;
  private boolean pending;

  private EarlyCommit(ProcessorContext<?, ?> context, long spacingMs) {
    this.context = context;
    this.spacingMs = spacingMs;
  }

  /** From the task's settings; with no spacing set (the topology test driver) it never asks. */
  static EarlyCommit of(ProcessorContext<?, ?> context) {
    Object setting = context.appConfigs().get(OrchestratorTopology.EARLY_COMMIT_SPACING_MS);
    long spacingMs = setting == null ? 0 : Long.parseLong(setting.toString());
    EarlyCommit early = new EarlyCommit(context, spacingMs);
    if (spacingMs > 0) {
      context.schedule(
          Duration.ofMillis(Math.max(1, spacingMs / 4)),
          PunctuationType.WALL_CLOCK_TIME,
          now -> {
            if (early.pending) {
              early.askWhenSpaced();
            }
          });
    }
    return early;
  }

  /** Outputs were forwarded: commit them now, or once the spacing has passed. */
  void outputsReady() {
    if (spacingMs > 0) {
      pending = true;
      askWhenSpaced();
    }
  }

  private void askWhenSpaced() {
    long now = System.nanoTime() / 1_000_000;
    long[] last = lastAsked.get();
    if (now - last[0] >= spacingMs) {
      last[0] = now;
      pending = false;
      context.commit();
    }
  }
}
