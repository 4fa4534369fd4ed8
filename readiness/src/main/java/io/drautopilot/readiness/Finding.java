package io.drautopilot.readiness;

import java.util.List;

/**
 * One point of the readiness score and the evidence it rests on.
 *
 * @param table the table it is about, or null for the whole service (the approval gates)
 * @param points earned: all of the check's points when passed, none otherwise
 * @param evidence event ids (or the AWS read, {@code DescribeContinuousBackups:<table>@<time>}, or
 *     {@code configuration:<property>}) the finding comes from; empty only when there is no evidence
 */
public record Finding(
    String table,
    ReadinessCheck check,
    Status status,
    int points,
    String detail,
    List<String> evidence) {

  /** PASSED earns the points; FAILED and NO_EVIDENCE earn none (nothing is assumed). */
  public enum Status {
    PASSED,
    FAILED,
    NO_EVIDENCE
  }

  public Finding {
    evidence = List.copyOf(evidence);
  }

  public int maxPoints() {
    return check.points();
  }

  static Finding of(
      String table, ReadinessCheck check, boolean passed, String detail, List<String> evidence) {
    return new Finding(
        table,
        check,
        passed ? Status.PASSED : Status.FAILED,
        passed ? check.points() : 0,
        detail,
        evidence);
  }

  static Finding noEvidence(String table, ReadinessCheck check, String detail) {
    return new Finding(table, check, Status.NO_EVIDENCE, 0, detail, List.of());
  }
}
