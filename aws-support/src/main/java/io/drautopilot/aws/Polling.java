package io.drautopilot.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Polls until an AWS resource reaches the state awaited: a table ACTIVE or gone, a restore job done, a
 * Route 53 change in sync, a function update finished. For the APIs the SDK has no waiter for, and where its
 * waiter's fixed delays (20 s for DynamoDB) are too coarse for progress events and tests.
 *
 * <p>The check runs at least once; it answers a value when done, empty when not yet, and throws to fail
 * (a job FAILED, a table being deleted). Between checks the poller sleeps {@code interval}; once
 * {@code timeout} has passed after a check that was not done, it throws {@link TimedOut}.
 */
public final class Polling {

  /** Sleeps for real; tests give their own {@link Sleeper} and clock. */
  public static final Polling SYSTEM =
      new Polling(System::nanoTime, d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()));

  private static final BooleanSupplier NEVER = () -> false;

  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  /** @param nanoTime a monotonic clock in nanoseconds, as {@link System#nanoTime()} */
  public Polling(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** The pause between two checks. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** {@link #until(String, Duration, Duration, BooleanSupplier, Supplier)} that nothing cancels. */
  public <T> T until(
      String awaited, Duration timeout, Duration interval, Supplier<Optional<T>> check) {
    return until(awaited, timeout, interval, NEVER, check);
  }

  /**
   * @param awaited what is awaited, for the timeout's message, e.g. {@code "table orders ACTIVE"}
   * @param cancelled asked after each check that was not done: true stops with a {@link CancellationException}
   * @return the check's first value
   * @throws TimedOut when {@code timeout} has passed and the check was still not done
   * @throws IllegalStateException when the thread is interrupted while sleeping (its interrupt flag stays set)
   */
  public <T> T until(
      String awaited,
      Duration timeout,
      Duration interval,
      BooleanSupplier cancelled,
      Supplier<Optional<T>> check) {
    long deadline = nanoTime.getAsLong() + timeout.toNanos();
    while (true) {
      Optional<T> value = check.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled while waiting for " + awaited);
      }
      if (nanoTime.getAsLong() - deadline > 0) {
        throw new TimedOut(awaited, timeout);
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + awaited, e);
      }
    }
  }

  /** What was awaited did not happen within the timeout. */
  public static final class TimedOut extends RuntimeException {

    private final String awaited;
    private final transient Duration timeout;

    TimedOut(String awaited, Duration timeout) {
      super(awaited + " not reached within " + timeout);
      this.awaited = awaited;
      this.timeout = timeout;
    }

    public String awaited() {
      return awaited;
    }

    public Duration timeout() {
      return timeout;
    }
  }
}
