package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.restore.domain.ProgressListener;

/** A long action's progress as the command's throttled {@code CommandProgressed} events. */
final class Progress {

  private Progress() {}

  static ProgressListener of(CommandContext context) {
    return (done, total, rate, message) ->
        context.progress().report(ProgressListener.percent(done, total), done, total, rate, message, false);
  }
}
