package io.drautopilot.contracts.codec;

/** A record whose writer schema is in no released contract: it cannot be read, so it is dead-lettered. */
public class UnknownSchemaException extends EventDecodingException {
  public UnknownSchemaException(String message) {
    super(message);
  }
}
