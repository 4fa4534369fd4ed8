package io.drautopilot.validation.adapter.snapshot;

/** The snapshot location holds no complete snapshot (missing, unfinished or unreadable manifest). */
public class SnapshotNotUsableException extends RuntimeException {

  public SnapshotNotUsableException(String message) {
    super(message);
  }

  public SnapshotNotUsableException(String message, Throwable cause) {
    super(message, cause);
  }
}
