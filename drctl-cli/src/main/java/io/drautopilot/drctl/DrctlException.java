package io.drautopilot.drctl;

/**
 * A failure the person at the terminal can act on: one line saying what and where, and the exit
 * code scripts rely on.
 */
public class DrctlException extends RuntimeException {

  /** Everything went as asked. */
  public static final int OK = 0;

  /** The answer is no: a difference, a broken chain, a refusal by the API. */
  public static final int NEGATIVE = 1;

  /** The command line, a file or the input is wrong. */
  public static final int USAGE = 2;

  /** Kafka, the API or the archive cannot be reached, or refused the credentials. */
  public static final int UNREACHABLE = 3;

  private final int exitCode;

  public DrctlException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public DrctlException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static DrctlException usage(String message) {
    return new DrctlException(USAGE, message);
  }

  public static DrctlException unreachable(String message, Throwable cause) {
    return new DrctlException(UNREACHABLE, message, cause);
  }
}
