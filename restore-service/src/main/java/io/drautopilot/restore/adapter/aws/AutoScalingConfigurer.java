package io.drautopilot.restore.adapter.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * ConfigureAutoScaling (runbook scenario 4 step 2, and what a restore does not carry over):
 * Application Auto Scaling RegisterScalableTarget with the seed's min/max for each dimension, then
 * PutScalingPolicy with target tracking on the matching DynamoDB utilization metric. Both calls are
 * idempotent (register updates, the policy is replaced by name), so a redelivered command is safe.
 */
public class AutoScalingConfigurer {

  /** What is in place. */
  public record Configured(String resourceId, List<String> dimensions, List<String> policyNames) {}

  private static final Map<String, String> TARGET =
      Map.of(
          "X-Amz-Target",
          "AnyScaleFrontendService.%s",
          "Content-Type",
          "application/x-amz-json-1.1");

  private final SignedJsonClient client;

  public AutoScalingConfigurer(SignedJsonClient client) {
    this.client = client;
  }

  public Configured configure(
      String tableName,
      String region,
      int min,
      int max,
      double targetUtilization,
      List<String> dimensions) {
    String resourceId = "table/" + tableName;
    List<String> policies = new ArrayList<>();
    for (String dimension : dimensions) {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("ServiceNamespace", "dynamodb");
      target.put("ResourceId", resourceId);
      target.put("ScalableDimension", dimension);
      target.put("MinCapacity", min);
      target.put("MaxCapacity", max);
      call("RegisterScalableTarget", region, target);

      String policyName =
          tableName + "-" + (dimension.contains("Write") ? "write" : "read") + "-target-tracking";
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("PolicyName", policyName);
      policy.put("ServiceNamespace", "dynamodb");
      policy.put("ResourceId", resourceId);
      policy.put("ScalableDimension", dimension);
      policy.put("PolicyType", "TargetTrackingScaling");
      policy.put(
          "TargetTrackingScalingPolicyConfiguration",
          Map.of(
              "TargetValue",
              targetUtilization,
              "PredefinedMetricSpecification",
              Map.of(
                  "PredefinedMetricType",
                  dimension.contains("Write")
                      ? "DynamoDBWriteCapacityUtilization"
                      : "DynamoDBReadCapacityUtilization")));
      call("PutScalingPolicy", region, policy);
      policies.add(policyName);
    }
    return new Configured(resourceId, dimensions, policies);
  }

  private void call(String operation, String region, Map<String, Object> body) {
    Map<String, String> headers = new LinkedHashMap<>(TARGET);
    headers.put("X-Amz-Target", String.format(TARGET.get("X-Amz-Target"), operation));
    client.call(
        "application-autoscaling",
        "application-autoscaling",
        region,
        SdkHttpMethod.POST,
        "/",
        Map.of(),
        headers,
        body);
  }
}
