package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandResults;
import io.drautopilot.restore.domain.ProgressListener;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one action's outcome, or its exception, into the command's typed result. */
public class Replies {

  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private final EventMetadataFactory metadata;

  public Replies(EventMetadataFactory metadata) {
    this.metadata = metadata;
  }

  public SpecificRecord reply(SpecificRecord command, CommandContext context, Callable<SpecificRecord> action) {
    try {
      return CommandResults.success(command, metadata.causedBy(context.metadata()), action.call());
    } catch (Exception e) {
      CommandFailure failure = failureOf(e);
      log.warn("{} failed: {} {}", command.getClass().getSimpleName(), failure.getCode(), failure.getMessage());
      return CommandResults.failure(command, metadata.causedBy(context.metadata()), failure);
    }
  }

  public static CommandFailure failureOf(Throwable e) {
    return AwsFailures.ofAny(e);
  }

  /** Progress of a long action as throttled {@code CommandProgressed} events. */
  public static ProgressListener progressOf(CommandContext context) {
    return (done, total, rate, message) ->
        context.progress().report(ProgressListener.percent(done, total), done, total, rate, message, false);
  }
}
