package io.drautopilot.containment.adapter.aws;

import io.drautopilot.contracts.containment.PrincipalContained;
import io.drautopilot.contracts.containment.PrincipalType;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;

/** IAM AttachUserPolicy / AttachRolePolicy of the deny-all policy, looking at what is attached first and after. */
public class PrincipalContainment {

  private final IamClient iam;

  public PrincipalContainment(IamClient iam) {
    this.iam = iam;
  }

  public PrincipalContained contain(PrincipalType type, String name, String policyArn) {
    List<String> before = attachedPolicies(type, name);
    boolean already = before.contains(policyArn);
    if (!already) {
      try {
        if (type == PrincipalType.USER) {
          iam.attachUserPolicy(b -> b.userName(name).policyArn(policyArn));
        } else {
          iam.attachRolePolicy(b -> b.roleName(name).policyArn(policyArn));
        }
      } catch (IamException e) {
        // Attached by someone else between our look and our call: the principal is contained all
        // the same.
        if (!"EntityAlreadyExists".equals(errorCode(e))) {
          throw e;
        }
        already = true;
      }
    }
    List<String> after = attachedPolicies(type, name);
    return PrincipalContained.newBuilder()
        .setPrincipalType(type)
        .setPrincipalName(name)
        .setPolicyArn(policyArn)
        .setAttachedPoliciesBefore(before)
        .setAttachedPoliciesAfter(after)
        .setAlreadyContained(already)
        .build();
  }

  private List<String> attachedPolicies(PrincipalType type, String name) {
    var policies =
        type == PrincipalType.USER
            ? iam.listAttachedUserPoliciesPaginator(b -> b.userName(name)).attachedPolicies()
            : iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies();
    return policies.stream().map(AttachedPolicy::policyArn).toList();
  }

  static String errorCode(IamException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
