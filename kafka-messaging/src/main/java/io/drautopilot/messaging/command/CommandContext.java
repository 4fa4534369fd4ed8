package io.drautopilot.messaging.command;

import io.drautopilot.contracts.common.EventMetadata;

/**
 * What a handler knows besides the command itself.
 *
 * @param metadata the command's metadata
 * @param redelivered true when this command was started before and never completed (the service
 *     crashed mid-action): the handler must check the world before acting again
 * @param progress publishes progress events for this command
 */
public record CommandContext(
    EventMetadata metadata, boolean redelivered, ProgressReporter progress) {}
