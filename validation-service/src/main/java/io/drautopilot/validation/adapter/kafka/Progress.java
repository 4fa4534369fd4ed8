package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.validation.domain.ProgressListener;
import java.time.Clock;

/** A long check's progress as the command's throttled {@code CommandProgressed} events, with items per second since it began. */
final class Progress {

  private Progress() {}

  static ProgressListener of(CommandContext context, Clock clock) {
    long started = clock.millis();
    return (done, total, message) -> {
      double seconds = Math.max(0.001, (clock.millis() - started) / 1000.0);
      Double percent = total == null || total <= 0 ? null : Math.min(100.0, 100.0 * done / total);
      context.progress().report(percent, done, total, done / seconds, message, false);
    };
  }
}
