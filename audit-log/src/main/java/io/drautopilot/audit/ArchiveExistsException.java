package io.drautopilot.audit;

/** An archive object already exists: archives are written once and never replaced. */
public final class ArchiveExistsException extends RuntimeException {

  public ArchiveExistsException(String uri) {
    super(uri + " already exists: an incident archive is written once and never replaced");
  }
}
