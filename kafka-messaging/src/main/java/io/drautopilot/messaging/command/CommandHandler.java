package io.drautopilot.messaging.command;

import org.apache.avro.specific.SpecificRecord;

/**
 * Carries out one kind of command. Implementations stay thin: unpack the command, make one domain
 * call, and return the success outcome record of the command's result (e.g. {@code TableRestored} for
 * {@code RestoreTableToPointInTimeCommand}), or throw.
 *
 * <p>Everything else is done once, by {@link CommandDispatcher}: it wraps the outcome in the
 * {@code <Verb><Noun>Result} with metadata caused by the command and stamped when the handler returned
 * (the orchestrator takes that time as the step's end); it turns an exception into the result's
 * {@code CommandFailure} through the one {@link CommandFailureMapper} (throw an
 * {@code ActionRefused} from {@code aws-support} for a decision not to act, with its code and
 * retryability; let AWS errors escape); and it does duplicate detection, publishing, dead-lettering
 * and progress plumbing.
 *
 * <p>A handler may still return a complete result record (built with {@link CommandResults}); its
 * {@code occurredAt} is replaced by the time the handler returned. New handlers return the outcome.
 *
 * @param <C> the generated command class, e.g. {@code RestoreTableToPointInTimeCommand}
 */
public interface CommandHandler<C extends SpecificRecord> {

  Class<C> commandType();

  /**
   * @return the success outcome of the command's result (one of the non-failure branches of its
   *     {@code outcome} union), or, in the older form, the whole {@code <Verb><Noun>Result}
   * @throws Exception any failure; it becomes the result's {@code CommandFailure}
   */
  SpecificRecord handle(C command, CommandContext context) throws Exception;
}
