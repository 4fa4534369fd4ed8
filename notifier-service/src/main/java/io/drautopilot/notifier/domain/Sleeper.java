package io.drautopilot.notifier.domain;

import java.time.Duration;

/** Waits between attempts; replaced in tests so backoff is checked without waiting. */
@FunctionalInterface
public interface Sleeper {

  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
