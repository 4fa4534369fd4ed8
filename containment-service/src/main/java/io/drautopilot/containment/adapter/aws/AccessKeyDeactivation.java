package io.drautopilot.containment.adapter.aws;

import io.drautopilot.contracts.containment.AccessKeyState;
import io.drautopilot.contracts.containment.AccessKeysDeactivated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, String> before = statuses(userName);
    int deactivated = 0;
    for (Map.Entry<String, String> key : before.entrySet()) {
      if (StatusType.ACTIVE.toString().equals(key.getValue())) {
        iam.updateAccessKey(b -> b.userName(userName).accessKeyId(key.getKey()).status(StatusType.INACTIVE));
        deactivated++;
      }
    }
    Map<String, String> after = deactivated == 0 ? before : statuses(userName);
    List<AccessKeyState> keys = before.keySet().stream().map(id -> AccessKeyState.newBuilder().setAccessKeyId(id)
        .setStatusBefore(before.get(id)).setStatusAfter(after.getOrDefault(id, "Deleted")).build()).toList();
    return AccessKeysDeactivated.newBuilder().setUserName(userName).setKeys(keys).setDeactivatedCount(deactivated).build();
  }

  private Map<String, String> statuses(String userName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (AccessKeyMetadata k : iam.listAccessKeysPaginator(b -> b.userName(userName)).accessKeyMetadata()) {
      out.put(k.accessKeyId(), k.statusAsString());
    }
    return out;
  }
}
