package io.drautopilot.readiness;

import java.time.LocalDate;

/**
 * A runbook's document control, as its file states it ({@code documentControl: {owner, lastReviewed,
 * nextReview, approvedBy}}).
 *
 * @param file where it was read, for a person to open
 * @param nextReview null when the file gives none (then the review is taken as due)
 */
public record RunbookReview(
    String runbookId, String file, String owner, LocalDate lastReviewed, LocalDate nextReview) {

  public boolean overdueOn(LocalDate today) {
    return nextReview == null || nextReview.isBefore(today);
  }

  /** The runbook's evidence id in a finding. */
  public String evidence() {
    return "runbook:" + runbookId;
  }
}
