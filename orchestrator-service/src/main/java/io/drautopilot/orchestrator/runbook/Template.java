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
   * One reference: {@code incident.<field>[index]}, {@code incident.subjects.<name>},
   * {@code steps.<id>.outputs.<name>}, {@code vars.<name>}, {@code resource.<field>} (the affected
   * table's catalogue entry, in a per-table step) or {@code approval.approvers}; with
   * {@code ?? <another reference>}, that one is used when this one is empty, e.g.
   * {@code ${incident.subjects.principalName ?? vars.compromisedPrincipal}}.
   */
  public record Ref(String root, String step, String name, Integer index, Ref orElse) {

    /** The distinct people who approved the step at its gate, in the order they approved. */
    public static final Ref APPROVERS = new Ref("approval", null, "approvers", null);

    public Ref(String root, String step, String name, Integer index) {
      this(root, step, name, index, null);
    }

    @Override
    public String toString() {
      String self =
          switch (root) {
            case "steps" -> "steps." + step + ".outputs." + name;
            case "incident" -> "incident." + name + (index == null ? "" : "[" + index + "]");
            case "subjects" -> "incident.subjects." + name;
            default -> root + "." + name;
          };
      return orElse == null ? self : self + " ?? " + orElse;
    }
  }

  private static final Pattern INCIDENT = Pattern.compile("incident\\.([A-Za-z]+)(?:\\[(\\d+)])?");
  private static final Pattern SUBJECT =
      Pattern.compile("incident\\.subjects\\.([A-Za-z][A-Za-z0-9]*)");
  private static final Pattern STEP =
      Pattern.compile("steps\\.([a-z0-9][a-z0-9-]*)\\.outputs\\.([A-Za-z][A-Za-z0-9.]*)");
  private static final Pattern RESOURCE = Pattern.compile("resource\\.([A-Za-z][A-Za-z0-9]*)");
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
    int alternative = expression.indexOf("??");
    if (alternative >= 0) {
      Ref first = parseRef(source, expression.substring(0, alternative).trim());
      String rest = expression.substring(alternative + 2).trim();
      if (rest.contains("??")) {
        throw new IllegalArgumentException(
            "bad template '" + source + "': one '??' alternative at most");
      }
      Ref second = parseRef(source, rest);
      if (first.equals(Ref.APPROVERS) || second.equals(Ref.APPROVERS)) {
        throw new IllegalArgumentException(
            "bad template '" + source + "': ${approval.approvers} takes no '??'");
      }
      return new Ref(first.root(), first.step(), first.name(), first.index(), second);
    }
    Matcher m;
    if ((m = SUBJECT.matcher(expression)).matches()) {
      return new Ref("subjects", null, m.group(1), null);
    }
    if ((m = INCIDENT.matcher(expression)).matches()) {
      return new Ref(
          "incident", null, m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)));
    }
    if ((m = STEP.matcher(expression)).matches()) {
      return new Ref("steps", m.group(1), m.group(2), null);
    }
    if ((m = RESOURCE.matcher(expression)).matches()) {
      return new Ref("resource", null, m.group(1), null);
    }
    if ((m = VAR.matcher(expression)).matches()) {
      return new Ref("vars", null, m.group(1), null);
    }
    if (expression.equals(APPROVERS)) {
      return Ref.APPROVERS;
    }
    throw new IllegalArgumentException(
        "bad template '"
            + source
            + "': '${"
            + expression
            + "}' is none of ${incident.<field>}, ${incident.subjects.<name>}, ${steps.<id>.outputs.<name>}, ${vars.<name>},"
            + " ${resource.<field>},"
            + " ${approval.approvers} (each may be followed by '?? <another>')");
  }

  /** Every reference, alternatives included. */
  public List<Ref> references() {
    List<Ref> refs = new ArrayList<>();
    parts.stream()
        .filter(Ref.class::isInstance)
        .map(Ref.class::cast)
        .forEach(
            r -> {
              refs.add(r);
              if (r.orElse() != null) {
                refs.add(r.orElse());
              }
            });
    return refs;
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
        if ((value == null || value.isEmpty()) && ref.orElse() != null) {
          value = resolver.apply(ref.orElse());
        }
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
