package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.aws.ActionRefused;

/** A command that cannot be carried out as written (unknown rule set, unsupported target): not retryable. */
public class InvalidCommandException extends ActionRefused {

  public InvalidCommandException(String message) {
    super("InvalidCommand", message, false);
  }
}
