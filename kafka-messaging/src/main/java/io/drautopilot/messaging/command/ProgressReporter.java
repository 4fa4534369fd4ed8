package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link CommandProgressed} for one command, at most once per interval (the last call with
 * {@code force} always goes out). Progress is best effort: a failed publish is logged, not thrown.
 */
public class ProgressReporter {

  private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final EventMetadata command;
  private final String action;
  private final Duration interval;
  private Instant last = Instant.EPOCH;

  public ProgressReporter(
      EventPublisher publisher,
      EventMetadataFactory metadata,
      EventMetadata command,
      String action,
      Duration interval) {
    this.publisher = publisher;
    this.metadata = metadata;
    this.command = command;
    this.action = action;
    this.interval = interval;
  }

  public synchronized void report(
      Double percentDone,
      long itemsDone,
      Long itemsTotal,
      Double itemsPerSecond,
      String message,
      boolean force) {
    Instant now = metadata.clock().instant();
    if (!force && now.isBefore(last.plus(interval))) {
      return;
    }
    last = now;
    try {
      publisher.publish(
          Topics.COMMAND_PROGRESS,
          CommandProgressed.newBuilder()
              .setMetadata(metadata.causedBy(command))
              .setAction(action)
              .setPercentDone(percentDone)
              .setItemsDone(itemsDone)
              .setItemsTotal(itemsTotal)
              .setItemsPerSecond(itemsPerSecond)
              .setMessage(message)
              .build());
    } catch (RuntimeException e) {
      log.warn("progress of {} not published: {}", action, e.getMessage());
    }
  }

  public void report(String message) {
    report(null, 0, null, null, message, true);
  }

  /** This command's progress for domain code: throttled by the interval, percent from done and total. */
  public ProgressListener listener() {
    return (done, total, itemsPerSecond, message) ->
        report(ProgressListener.percent(done, total), done, total, itemsPerSecond, message, false);
  }
}
