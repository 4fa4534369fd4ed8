package io.drautopilot.audit;

/** Archive files exist but no manifest: archiving stopped before it finished, so this is no archive. */
public final class IncompleteArchiveException extends RuntimeException {

  public IncompleteArchiveException(String message) {
    super(message);
  }
}
