package io.drautopilot.validation.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves on by a fixed step each time it is read, so a duration is known without waiting. */
final class SteppingClock extends Clock {

  private final Duration step;
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  SteppingClock(Duration step) {
    this.step = step;
  }

  @Override
  public synchronized Instant instant() {
    Instant read = now;
    now = now.plus(step);
    return read;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
