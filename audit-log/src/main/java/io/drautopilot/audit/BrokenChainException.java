package io.drautopilot.audit;

/**
 * Nothing was archived: a timeline record no longer decodes, so it cannot go into an Avro data file.
 * That is first of all a broken chain: {@link #verification()} says where, as {@code verify} would.
 */
public final class BrokenChainException extends IllegalArgumentException {

  private final transient Verification verification;

  BrokenChainException(Verification verification) {
    super("nothing archived: " + verification.summary());
    this.verification = verification;
  }

  public Verification verification() {
    return verification;
  }
}
