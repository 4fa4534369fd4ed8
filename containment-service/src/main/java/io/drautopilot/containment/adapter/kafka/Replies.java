package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.aws.AwsFailures;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandResults;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one containment action's outcome, or its exception, into the command's typed result. */
public class Replies {

  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private final EventMetadataFactory metadata;

  public Replies(EventMetadataFactory metadata) {
    this.metadata = metadata;
  }

  public SpecificRecord reply(SpecificRecord command, CommandContext context, Callable<SpecificRecord> action) {
    try {
      SpecificRecord outcome = action.call();
      log.info("{} done for incident {}: {}", command.getClass().getSimpleName(), context.metadata().getIncidentId(), outcome);
      return CommandResults.success(command, metadata.causedBy(context.metadata()), outcome);
    } catch (Exception e) {
      CommandFailure failure = failureOf(e);
      log.warn("{} failed for incident {}: {} {} (request {})", command.getClass().getSimpleName(),
          context.metadata().getIncidentId(), failure.getCode(), failure.getMessage(), failure.getAwsRequestId());
      return CommandResults.failure(command, metadata.causedBy(context.metadata()), failure);
    }
  }

  public static CommandFailure failureOf(Throwable e) {
    return AwsFailures.ofAny(e);
  }

  /**
   * A client token that is the same for every delivery of one command (AWS deduplicates on it) and
   * has the UUID form Secrets Manager wants for a version id.
   */
  public static String clientToken(EventMetadata command) {
    String key = command.getIdempotencyKey() != null ? command.getIdempotencyKey() : command.getEventId();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
