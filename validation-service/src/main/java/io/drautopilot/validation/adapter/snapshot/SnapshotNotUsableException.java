package io.drautopilot.validation.adapter.snapshot;

import io.drautopilot.aws.ActionRefused;

/**
 * The snapshot location holds no complete snapshot (missing, unfinished or unreadable manifest): the
 * command fails as {@code SnapshotNotUsable}, not retryable.
 */
public class SnapshotNotUsableException extends ActionRefused {

  public SnapshotNotUsableException(String message) {
    super("SnapshotNotUsable", message, false);
  }

  public SnapshotNotUsableException(String message, Throwable cause) {
    this(message);
    initCause(cause);
  }
}
