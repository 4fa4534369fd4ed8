package io.drautopilot.orchestrator.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter value with {@code ${...}} references to the incident, earlier steps' outputs,
 * runbook variables and the people who approved the step at its gate, e.g.
 * {@code ${incident.affectedResources[0]}-recovery}. Parsed once at load time so a bad reference
 * fails start-up instead of a recovery.
 */
public final class Template {

  /**
   * One reference: {@code incident.<field>[index]}, {@code steps.<id>.outputs.<name>}, {@code vars.<name>}
   * or {@code approval.approvers}.
   */
  public record Ref(String root, String step, String name, Integer index) {

    /** The distinct people who approved the step at its gate, in the order they approved. */
    public static final Ref APPROVERS = new Ref("approval", null, "approvers", null);

    @Override
    public String toString() {
      return switch (root) {
        case "steps" -> "steps." + step + ".outputs." + name;
        case "incident" -> "incident." + name + (index == null ? "" : "[" + index + "]");
        default -> root + "." + name;
      };
    }
  }

  private static final Pattern INCIDENT = Pattern.compile("incident\\.([A-Za-z]+)(?:\\[(\\d+)])?");
  private static final Pattern STEP = Pattern.compile("steps\\.([a-z0-9][a-z0-9-]*)\\.outputs\\.([A-Za-z][A-Za-z0-9.]*)");
  private static final Pattern VAR = Pattern.compile("vars\\.([A-Za-z][A-Za-z0-9_-]*)");
  private static final String APPROVERS = "approval.approvers";

  private final String source;
  private final List<Object> parts;

  private Template(String source, List<Object> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** @throws IllegalArgumentException with the reason when the text is not a valid template */
  public static Template parse(String source) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      int start = source.indexOf("${", i);
      if (start < 0) {
        parts.add(source.substring(i));
        break;
      }
      if (start > i) {
        parts.add(source.substring(i, start));
      }
      int end = source.indexOf('}', start);
      if (end < 0) {
        throw new IllegalArgumentException("bad template '" + source + "': unclosed '${'");
      }
      parts.add(parseRef(source, source.substring(start + 2, end).trim()));
      i = end + 1;
    }
    return new Template(source, List.copyOf(parts));
  }

  private static Ref parseRef(String source, String expression) {
    Matcher m;
    if ((m = INCIDENT.matcher(expression)).matches()) {
      return new Ref("incident", null, m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)));
    }
    if ((m = STEP.matcher(expression)).matches()) {
      return new Ref("steps", m.group(1), m.group(2), null);
    }
    if ((m = VAR.matcher(expression)).matches()) {
      return new Ref("vars", null, m.group(1), null);
    }
    if (expression.equals(APPROVERS)) {
      return Ref.APPROVERS;
    }
    throw new IllegalArgumentException("bad template '" + source + "': '${" + expression
        + "}' is none of ${incident.<field>}, ${steps.<id>.outputs.<name>}, ${vars.<name>}, ${approval.approvers}");
  }

  public List<Ref> references() {
    return parts.stream().filter(Ref.class::isInstance).map(Ref.class::cast).toList();
  }

  public boolean isLiteral() {
    return references().isEmpty();
  }

  /**
   * True when the whole value is {@code ${approval.approvers}} and nothing else: it then renders as a
   * list (one element per approver), for an array field; inside other text it renders comma-separated.
   */
  public boolean isApproversList() {
    return parts.size() == 1 && Ref.APPROVERS.equals(parts.get(0));
  }

  /** Renders with {@code resolver} answering each reference (an unknown value renders as empty). */
  public String render(Function<Ref, String> resolver) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Ref ref) {
        String value = resolver.apply(ref);
        out.append(value == null ? "" : value);
      } else {
        out.append(part);
      }
    }
    return out.toString();
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
