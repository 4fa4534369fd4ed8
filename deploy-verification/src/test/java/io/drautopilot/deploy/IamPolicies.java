package io.drautopilot.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * The least-privilege IAM policy document of each service, {@code deploy/iam/<service>-policy.json}.
 *
 * <p>Generated with one statement per AWS service prefix. The actions are what the service's code
 * calls ({@link AwsOperations}); resources may be narrowed by hand afterwards (the check compares
 * actions only, and regeneration rewrites a document only when its actions are wrong).
 */
final class IamPolicies {

  static final String POLICY_DIR = "deploy/iam";

  /** Resource per IAM prefix where one narrower than {@code *} holds in every account and region. */
  private static final Map<String, String> RESOURCES =
      Map.of(
          "dynamodb", "arn:aws:dynamodb:*:*:table/*",
          "lambda", "arn:aws:lambda:*:*:function:*",
          "sns", "arn:aws:sns:*:*:*",
          "route53", "arn:aws:route53:::hostedzone/*,arn:aws:route53:::change/*");

  /**
   * IAM's own actions get a statement each, narrowed by a condition: {resource, condition key, value}.
   * The only role passed is the one AWS Backup runs a restore job as; the only service-linked role
   * created is Application Auto Scaling's for DynamoDB.
   */
  private static final Map<String, String[]> IAM_STATEMENTS =
      Map.of(
          // AWS Backup restore jobs and VPC flow logs run as a role the caller passes (see
          // PASSED_TO)
          "iam:PassRole", new String[] {"arn:aws:iam::*:role/*", "iam:PassedToService", null},
          // containment may attach exactly one policy: deny-all
          "iam:AttachUserPolicy",
              new String[] {
                "arn:aws:iam::*:user/*", "iam:PolicyARN", "arn:aws:iam::aws:policy/AWSDenyAll"
              },
          "iam:AttachRolePolicy",
              new String[] {
                "arn:aws:iam::*:role/*", "iam:PolicyARN", "arn:aws:iam::aws:policy/AWSDenyAll"
              },
          "iam:ListAttachedUserPolicies", new String[] {"arn:aws:iam::*:user/*", null, null},
          "iam:ListAttachedRolePolicies", new String[] {"arn:aws:iam::*:role/*", null, null},
          "iam:ListAccessKeys", new String[] {"arn:aws:iam::*:user/*", null, null},
          // the seed's "all users' access keys" lists the account's users (the protect-list is
          // applied after)
          "iam:ListUsers", new String[] {"arn:aws:iam::*:user/*", null, null},
          "iam:UpdateAccessKey", new String[] {"arn:aws:iam::*:user/*", null, null},
          "iam:CreateServiceLinkedRole",
              new String[] {
                "arn:aws:iam::*:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                "iam:AWSServiceName",
                "dynamodb.application-autoscaling.amazonaws.com"
              });

  /** The service a passed role goes to, per action that passes one: only those the policy calls are named. */
  private static final Map<String, String> PASSED_TO =
      Map.of(
          "backup:StartRestoreJob", "backup.amazonaws.com",
          "ec2:CreateFlowLogs", "vpc-flow-logs.amazonaws.com");

  private IamPolicies() {}

  private static String statement(
      String sid,
      List<String> actions,
      String resource,
      String conditionKey,
      String conditionValue) {
    StringBuilder s = new StringBuilder();
    s.append("    {\n");
    s.append("      \"Sid\": \"").append(sid).append("\",\n");
    s.append("      \"Effect\": \"Allow\",\n");
    s.append("      \"Action\": [\n");
    s.append(String.join(",\n", actions.stream().map(a -> "        \"" + a + "\"").toList()))
        .append('\n');
    s.append("      ],\n");
    List<String> resources = List.of(resource.split(","));
    s.append("      \"Resource\": ")
        .append(
            resources.size() == 1
                ? "\"" + resource + "\""
                : "["
                    + String.join(", ", resources.stream().map(r -> "\"" + r + "\"").toList())
                    + "]");
    if (conditionKey != null) {
      s.append(",\n      \"Condition\": {\n");
      s.append("        \"StringEquals\": {\n");
      List<String> values = List.of(conditionValue.split(","));
      s.append("          \"")
          .append(conditionKey)
          .append("\": ")
          .append(
              values.size() == 1
                  ? "\"" + conditionValue + "\""
                  : "["
                      + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList())
                      + "]")
          .append('\n');
      s.append("        }\n");
      s.append("      }");
    }
    s.append("\n    }");
    return s.toString();
  }

  static String path(String module) {
    return POLICY_DIR + "/" + module + "-policy.json";
  }

  static String render(Collection<String> actions) {
    SortedMap<String, SortedSet<String>> byPrefix = new TreeMap<>();
    for (String action : actions) {
      byPrefix
          .computeIfAbsent(action.substring(0, action.indexOf(':')), p -> new TreeSet<>())
          .add(action);
    }
    List<String> statements = new ArrayList<>();
    SortedSet<String> iam = byPrefix.remove("iam");
    if (iam != null) {
      for (String action : iam) {
        String[] special = IAM_STATEMENTS.get(action);
        if (special == null) {
          throw new IllegalArgumentException(
              "No statement for "
                  + action
                  + ": add its resource and condition to IamPolicies.IAM_STATEMENTS");
        }
        String value = special[2];
        if (action.equals("iam:PassRole")) {
          value =
              String.join(
                  ",",
                  new TreeSet<>(
                      PASSED_TO.entrySet().stream()
                          .filter(e -> actions.contains(e.getKey()))
                          .map(Map.Entry::getValue)
                          .toList()));
          if (value.isEmpty()) {
            throw new IllegalArgumentException(
                "iam:PassRole without an action that passes a role: add it to PASSED_TO");
          }
        }
        statements.add(
            statement("Iam" + action.substring(4), List.of(action), special[0], special[1], value));
      }
    }
    byPrefix.forEach(
        (prefix, prefixActions) ->
            statements.add(
                statement(
                    sid(prefix),
                    List.copyOf(prefixActions),
                    RESOURCES.getOrDefault(prefix, "*"),
                    null,
                    null)));
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": ["
        + (statements.isEmpty() ? "" : "\n" + String.join(",\n", statements) + "\n  ")
        + "]\n}\n";
  }

  /** Every action allowed by a policy document (Allow statements; Action as a string or a list). */
  @SuppressWarnings("unchecked")
  static SortedSet<String> allowedActions(String json) {
    Map<String, Object> document = new Yaml().load(json);
    SortedSet<String> actions = new TreeSet<>();
    for (Map<String, Object> statement :
        (List<Map<String, Object>>) document.getOrDefault("Statement", List.of())) {
      if (!"Allow".equals(statement.get("Effect"))) {
        continue;
      }
      Object action = statement.get("Action");
      if (action instanceof String single) {
        actions.add(single);
      } else if (action instanceof List<?> list) {
        list.forEach(a -> actions.add(String.valueOf(a)));
      }
    }
    return actions;
  }

  private static String sid(String prefix) {
    StringBuilder sid = new StringBuilder();
    for (String part : prefix.split("-")) {
      sid.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sid + "Calls";
  }
}
