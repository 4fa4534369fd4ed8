package io.drautopilot.orchestrator.runbook;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * When a step runs: {@code <template> == <value>}, {@code <template> != <value>} or
 * {@code <template> in [a, b]}, e.g. {@code ${steps.find-restore-point.outputs.kind} == PITR} or
 * {@code ${incident.severity} in [P1, P2]}.
 */
public record Condition(String source, Template left, String operator, List<Template> right) {

  public static Condition parse(String source) {
    String s = source.trim();
    for (String op : List.of(" == ", " != ", " in ")) {
      int at = s.indexOf(op);
      if (at > 0) {
        Template left = Template.parse(s.substring(0, at).trim());
        String rest = s.substring(at + op.length()).trim();
        List<Template> right;
        if (op.equals(" in ")) {
          if (!rest.startsWith("[") || !rest.endsWith("]")) {
            throw new IllegalArgumentException(
                "bad condition '" + source + "': 'in' takes a list like [P1, P2]");
          }
          right =
              Arrays.stream(rest.substring(1, rest.length() - 1).split(","))
                  .map(String::trim)
                  .filter(v -> !v.isEmpty())
                  .map(Template::parse)
                  .toList();
        } else {
          right = List.of(Template.parse(unquote(rest)));
        }
        return new Condition(source, left, op.trim(), right);
      }
    }
    throw new IllegalArgumentException(
        "bad condition '" + source + "': expected '<value> == <value>', '!=' or 'in [..]'");
  }

  private static String unquote(String v) {
    return v.length() >= 2
            && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))
        ? v.substring(1, v.length() - 1)
        : v;
  }

  public List<Template> templates() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(left), right.stream())
        .toList();
  }

  public boolean test(Function<Template.Ref, String> resolver) {
    String value = left.render(resolver);
    boolean any = right.stream().anyMatch(t -> t.render(resolver).equals(value));
    return operator.equals("!=") ? !any : any;
  }
}
