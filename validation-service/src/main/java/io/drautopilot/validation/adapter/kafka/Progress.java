package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.ProgressListener;
import java.time.Clock;

/**
 * A long check's progress as the command's throttled {@code CommandProgressed} events; the domain
 * reports no rate, so it is items per second since the check began.
 */
final class Progress {

  private Progress() {}

  static ProgressListener of(CommandContext context, Clock clock) {
    long started = clock.millis();
    ProgressListener reporter = context.progress().listener();
    return (done, total, itemsPerSecond, message) -> {
      double seconds = Math.max(0.001, (clock.millis() - started) / 1000.0);
      reporter.progress(
          done, total, itemsPerSecond != null ? itemsPerSecond : done / seconds, message);
    };
  }
}
