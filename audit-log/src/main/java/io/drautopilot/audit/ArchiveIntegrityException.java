package io.drautopilot.audit;

/** A complete archive whose files do not match its manifest (changed, missing or unreadable). */
public final class ArchiveIntegrityException extends RuntimeException {

  public ArchiveIntegrityException(String message) {
    super(message);
  }
}
