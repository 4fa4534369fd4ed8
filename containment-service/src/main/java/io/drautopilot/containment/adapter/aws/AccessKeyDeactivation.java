package io.drautopilot.containment.adapter.aws;

import io.drautopilot.contracts.containment.AccessKeyState;
import io.drautopilot.contracts.containment.AccessKeysDeactivated;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * IAM ListAccessKeys then UpdateAccessKey(Inactive) for each active key. Never DeleteAccessKey: an
 * inactive key is evidence (it shows in CloudTrail by id) and can be re-activated if it was innocent.
 */
public class AccessKeyDeactivation {

  private final IamClient iam;

  public AccessKeyDeactivation(IamClient iam) {
    this.iam = iam;
  }

  public AccessKeysDeactivated deactivate(String userName) {
    List<AccessKeyState> keys = new ArrayList<>();
    int deactivated = deactivateUser(userName, keys, false);
    return AccessKeysDeactivated.newBuilder()
        .setUserName(userName)
        .setKeys(keys)
        .setDeactivatedCount(deactivated)
        .build();
  }

  /**
   * The seed's "revoke all users' access keys": {@code userName}'s keys first, then every IAM user's
   * (ListUsers, paginated) but those {@code isProtected} accepts, which are listed in the result and
   * left as they were. A redelivered command finds the keys already inactive and changes nothing.
   */
  public AccessKeysDeactivated deactivateAllUsers(String userName, Predicate<String> isProtected) {
    List<AccessKeyState> keys = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int deactivated = 0;
    Set<String> users = new LinkedHashSet<>();
    users.add(userName);
    iam.listUsersPaginator(b -> {}).users().forEach(u -> users.add(u.userName()));
    for (String user : users) {
      if (isProtected.test(user)) {
        skipped.add(user);
      } else {
        deactivated += deactivateUser(user, keys, true);
      }
    }
    return AccessKeysDeactivated.newBuilder()
        .setUserName(userName)
        .setKeys(keys)
        .setDeactivatedCount(deactivated)
        .setSkippedProtectedUsers(skipped)
        .build();
  }

  private int deactivateUser(String userName, List<AccessKeyState> into, boolean nameTheUser) {
    Map<String, String> before = statuses(userName);
    int deactivated = 0;
    for (Map.Entry<String, String> key : before.entrySet()) {
      if (StatusType.ACTIVE.toString().equals(key.getValue())) {
        iam.updateAccessKey(
            b -> b.userName(userName).accessKeyId(key.getKey()).status(StatusType.INACTIVE));
        deactivated++;
      }
    }
    Map<String, String> after = deactivated == 0 ? before : statuses(userName);
    before
        .keySet()
        .forEach(
            id ->
                into.add(
                    AccessKeyState.newBuilder()
                        .setAccessKeyId(id)
                        .setStatusBefore(before.get(id))
                        .setStatusAfter(after.getOrDefault(id, "Deleted"))
                        .setUserName(nameTheUser ? userName : null)
                        .build()));
    return deactivated;
  }

  private Map<String, String> statuses(String userName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (AccessKeyMetadata k :
        iam.listAccessKeysPaginator(b -> b.userName(userName)).accessKeyMetadata()) {
      out.put(k.accessKeyId(), k.statusAsString());
    }
    return out;
  }
}
