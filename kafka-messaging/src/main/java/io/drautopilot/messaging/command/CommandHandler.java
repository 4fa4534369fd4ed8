package io.drautopilot.messaging.command;

import org.apache.avro.specific.SpecificRecord;

/**
 * Carries out one kind of command. Implementations stay thin: unpack the command, make one domain
 * call, return the typed result ({@link CommandResults#success}/{@link CommandResults#failure}).
 * Duplicate detection, result publishing, dead-lettering and progress plumbing are done once, by
 * {@link CommandDispatcher}; an exception that escapes becomes a non-retryable failure result.
 *
 * @param <C> the generated command class, e.g. {@code RestoreTableToPointInTimeCommand}
 */
public interface CommandHandler<C extends SpecificRecord> {

  Class<C> commandType();

  /**
   * @return the command's result record ({@code <Verb><Noun>Result})
   */
  SpecificRecord handle(C command, CommandContext context) throws Exception;
}
