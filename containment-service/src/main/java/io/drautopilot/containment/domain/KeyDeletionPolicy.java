package io.drautopilot.containment.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a KMS key may be scheduled for deletion. Deleting a key destroys every piece of data encrypted
 * under it for good, so it needs two distinct people's approval and a pending window long enough to
 * cancel a mistake (AWS allows 7 to 30 days; the minimum here is configurable but never below 7).
 */
public final class KeyDeletionPolicy {

  public static final int AWS_MINIMUM_DAYS = 7;
  public static final int AWS_MAXIMUM_DAYS = 30;

  private final int requiredApprovers;
  private final int minimumPendingDays;

  public KeyDeletionPolicy(int requiredApprovers, int minimumPendingDays) {
    if (requiredApprovers < 2) {
      throw new IllegalArgumentException(
          "key deletion needs at least two approvers, configured " + requiredApprovers);
    }
    if (minimumPendingDays < AWS_MINIMUM_DAYS || minimumPendingDays > AWS_MAXIMUM_DAYS) {
      throw new IllegalArgumentException(
          "the minimum pending window must be 7 to 30 days, configured " + minimumPendingDays);
    }
    this.requiredApprovers = requiredApprovers;
    this.minimumPendingDays = minimumPendingDays;
  }

  /**
   * @return the distinct approvers, in the order given
   * @throws ContainmentException {@code TwoPersonApprovalRequired} or {@code PendingWindowOutOfRange}
   */
  public List<String> check(
      Collection<? extends CharSequence> approvedBy, int pendingWindowInDays) {
    Set<String> seen = new LinkedHashSet<>();
    Set<String> distinct = new LinkedHashSet<>();
    for (CharSequence a : approvedBy) {
      String approver = a == null ? "" : a.toString().trim();
      // One person approving twice (or under two spellings of their name) is still one person.
      if (!approver.isEmpty() && seen.add(approver.toLowerCase(Locale.ROOT))) {
        distinct.add(approver);
      }
    }
    if (distinct.size() < requiredApprovers) {
      throw ContainmentException.refused(
          "TwoPersonApprovalRequired",
          "scheduling a key deletion needs "
              + requiredApprovers
              + " distinct approvers, got "
              + distinct.size()
              + " "
              + distinct);
    }
    if (pendingWindowInDays < minimumPendingDays || pendingWindowInDays > AWS_MAXIMUM_DAYS) {
      throw ContainmentException.refused(
          "PendingWindowOutOfRange",
          "pending window of "
              + pendingWindowInDays
              + " days is outside "
              + minimumPendingDays
              + ".."
              + AWS_MAXIMUM_DAYS
              + " days");
    }
    return List.copyOf(distinct);
  }
}
