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
  private static final Map<String, String> RESOURCES = Map.of(
      "dynamodb", "arn:aws:dynamodb:*:*:table/*",
      "iam", "arn:aws:iam::*:role/*",
      "lambda", "arn:aws:lambda:*:*:function:*",
      "sns", "arn:aws:sns:*:*:*");

  private IamPolicies() {}

  static String path(String module) {
    return POLICY_DIR + "/" + module + "-policy.json";
  }

  static String render(Collection<String> actions) {
    SortedMap<String, SortedSet<String>> byPrefix = new TreeMap<>();
    for (String action : actions) {
      byPrefix.computeIfAbsent(action.substring(0, action.indexOf(':')), p -> new TreeSet<>()).add(action);
    }
    List<String> statements = new ArrayList<>();
    byPrefix.forEach((prefix, prefixActions) -> {
      StringBuilder s = new StringBuilder();
      s.append("    {\n");
      s.append("      \"Sid\": \"").append(sid(prefix)).append("\",\n");
      s.append("      \"Effect\": \"Allow\",\n");
      s.append("      \"Action\": [\n");
      s.append(String.join(",\n", prefixActions.stream().map(a -> "        \"" + a + "\"").toList())).append('\n');
      s.append("      ],\n");
      s.append("      \"Resource\": \"").append(RESOURCES.getOrDefault(prefix, "*")).append('"');
      if (prefix.equals("iam")) {
        // The only role this system passes is the one AWS Backup runs a restore or backup job as.
        s.append(",\n      \"Condition\": {\n");
        s.append("        \"StringEquals\": {\n");
        s.append("          \"iam:PassedToService\": \"backup.amazonaws.com\"\n");
        s.append("        }\n");
        s.append("      }");
      }
      s.append("\n    }");
      statements.add(s.toString());
    });
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": ["
        + (statements.isEmpty() ? "" : "\n" + String.join(",\n", statements) + "\n  ")
        + "]\n}\n";
  }

  /** Every action allowed by a policy document (Allow statements; Action as a string or a list). */
  @SuppressWarnings("unchecked")
  static SortedSet<String> allowedActions(String json) {
    Map<String, Object> document = new Yaml().load(json);
    SortedSet<String> actions = new TreeSet<>();
    for (Map<String, Object> statement : (List<Map<String, Object>>) document.getOrDefault("Statement", List.of())) {
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
