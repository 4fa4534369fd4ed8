package io.drautopilot.orchestrator.adapter.kafka;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit as soon as an input's outputs are ready instead of at the end of the
 * commit interval: under exactly-once a command is readable by its handler only once its transaction
 * commits. Spaced by {@link OrchestratorTopology#EARLY_COMMIT_SPACING_MS}: when the stream thread asked
 * less than that ago, it asks again once the spacing has passed, so a busy thread still commits many
 * inputs in one transaction. A quiet thread need not wait that long: when its last commit carried
 * the outputs of a few steps at most ({@link Pacer#QUIET_STEPS}, e.g. an incident's parallel
 * branches), no more have been ready since, and an eighth of the spacing has passed, it asks at once
 * (a few incidents stepping are committed step by step; many steps arriving together are batched).
 * A commit request only brings the commit forward: what is committed, and that it is one
 * transaction, stays Kafka Streams'.
 */
final class EarlyCommit {

  /** Per stream thread: all tasks of a thread commit in one transaction. */
  private static final ThreadLocal<Pacer> thread = new ThreadLocal<>();

  private final ProcessorContext<?, ?> context;
  private final long spacingMs;
  private boolean pending;

  private EarlyCommit(ProcessorContext<?, ?> context, long spacingMs) {
    this.context = context;
    this.spacingMs = spacingMs;
  }

  private Pacer pacer() {
    Pacer p = thread.get();
    if (p == null || p.spacingMs != spacingMs) {
      p = new Pacer(spacingMs);
      thread.set(p);
    }
    return p;
  }

  /** From the task's settings; with no spacing set (the topology test driver) it never asks. */
  static EarlyCommit of(ProcessorContext<?, ?> context) {
    Object setting = context.appConfigs().get(OrchestratorTopology.EARLY_COMMIT_SPACING_MS);
    long spacingMs = setting == null ? 0 : Long.parseLong(setting.toString());
    EarlyCommit early = new EarlyCommit(context, spacingMs);
    if (spacingMs > 0) {
      context.schedule(
          Duration.ofMillis(Pacer.quietGap(spacingMs)),
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
      pacer().outputReady();
      askWhenSpaced();
    }
  }

  private void askWhenSpaced() {
    if (pacer().mayAsk(System.nanoTime() / 1_000_000)) {
      pending = false;
      context.commit();
    }
  }

  /**
   * When one stream thread may ask for a commit: once the spacing has passed since it last asked, or
   * sooner (an eighth of the spacing) when it is quiet: its last commit carried the outputs of at
   * most {@link #QUIET_STEPS} steps and no more have been ready since.
   */
  static final class Pacer {
    /**
     * A few steps are not load: two or three results of one incident's parallel branches arrive
     * together, and waiting for the spacing for them (and again for the step after them) was most
     * of a lone incident's slowest steps. Under load a commit carries tens to hundreds.
     */
    static final int QUIET_STEPS = 4;

    private final long spacingMs;
    private long lastAsked = Long.MIN_VALUE / 2;
    private int since;
    private int covered;

    Pacer(long spacingMs) {
      this.spacingMs = spacingMs;
    }

    void outputReady() {
      since++;
    }

    /** Whether to ask now; when it says so, the ask is counted as made. */
    boolean mayAsk(long nowMs) {
      long elapsed = nowMs - lastAsked;
      boolean quiet =
          covered <= QUIET_STEPS && since <= QUIET_STEPS && elapsed >= quietGap(spacingMs);
      if (elapsed >= spacingMs || quiet) {
        lastAsked = nowMs;
        covered = since;
        since = 0;
        return true;
      }
      return false;
    }

    /** The least time between two commit requests of a quiet thread. */
    static long quietGap(long spacingMs) {
      return Math.max(1, spacingMs / 8);
    }
  }
}
