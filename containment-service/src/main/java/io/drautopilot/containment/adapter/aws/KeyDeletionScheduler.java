package io.drautopilot.containment.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.containment.KeyDeletionScheduled;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

/** KMS DescribeKey, then ScheduleKeyDeletion unless deletion is already pending. The approval rules are checked before. */
public class KeyDeletionScheduler {

  private final RegionalClients<KmsClient> kms;

  public KeyDeletionScheduler(RegionalClients<KmsClient> kms) {
    this.kms = kms;
  }

  public KeyDeletionScheduled schedule(
      String keyId, int pendingWindowInDays, List<String> approvedBy, String region) {
    KmsClient client = kms.forRegion(region);
    KeyMetadata before = client.describeKey(b -> b.keyId(keyId)).keyMetadata();
    KeyDeletionScheduled.Builder result =
        KeyDeletionScheduled.newBuilder()
            .setKeyId(keyId)
            .setKeyArn(before.arn())
            .setKeyStateBefore(before.keyStateAsString())
            .setApprovedBy(approvedBy);
    if (before.keyState() == KeyState.PENDING_DELETION) {
      // Already scheduled (by an earlier attempt or by hand): keep its date, do not push it out.
      return result
          .setKeyStateAfter(before.keyStateAsString())
          .setDeletionDate(before.deletionDate())
          .setPendingWindowInDays(
              before.pendingDeletionWindowInDays() == null
                  ? pendingWindowInDays
                  : before.pendingDeletionWindowInDays())
          .setAlreadyPending(true)
          .build();
    }
    ScheduleKeyDeletionResponse scheduled =
        client.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(pendingWindowInDays));
    return result
        .setKeyStateAfter(
            scheduled.keyStateAsString() == null
                ? KeyState.PENDING_DELETION.toString()
                : scheduled.keyStateAsString())
        .setDeletionDate(scheduled.deletionDate())
        .setPendingWindowInDays(
            scheduled.pendingWindowInDays() == null
                ? pendingWindowInDays
                : scheduled.pendingWindowInDays())
        .setAlreadyPending(false)
        .build();
  }
}
