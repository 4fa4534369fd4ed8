package io.drautopilot.orchestrator.runbook;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.orchestrator.runbook.Step.ApprovalGate;
import io.drautopilot.orchestrator.runbook.Step.FailurePolicy;
import io.drautopilot.orchestrator.runbook.Step.RetryPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one runbook YAML file and validates it completely: every field known, every action routed
 * and backed by a command schema, every required parameter given and none unknown, every template
 * pointing at something that exists before the step runs, and the dependencies a DAG. The first
 * problem is reported with the file, the location (step id and field) and the reason.
 */
public class RunbookLoader {

  private static final Set<String> RUNBOOK_FIELDS =
      Set.of(
          "id",
          "version",
          "title",
          "description",
          "scenario",
          "vars",
          "rpoFrom",
          "resolvedWhen",
          "escalation",
          "steps",
          "compensations",
          "documentControl",
          "failureSeverity");
  private static final Set<String> CONTROL_FIELDS =
      Set.of("owner", "lastReviewed", "nextReview", "approvedBy");

  /** What a per-table step iterates over: the incident's affected tables (all protected tables when it names none). */
  static final String FOR_EACH_AFFECTED = "incident.affectedResources";

  private static final Set<String> STEP_FIELDS =
      Set.of(
          "id",
          "title",
          "description",
          "action",
          "parameters",
          "dependsOn",
          "timeout",
          "expected",
          "retries",
          "onFailure",
          "condition",
          "approval",
          "compensation",
          "forEach");
  private static final Set<String> RETRY_FIELDS = Set.of("max", "backoff", "multiplier");
  private static final Set<String> APPROVAL_FIELDS =
      Set.of("role", "approvers", "timeout", "onTimeout", "onReject");

  /** The contract's scenarios and severities: a runbook names one of them, as detections do. */
  private static final Set<String> SCENARIOS = names(Scenario.values());

  private static final Set<String> SEVERITIES = names(Severity.values());

  private static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

  /** Limits for any YAML read (a runbook file, or a candidate posted to the API): far above a real runbook. */
  static final int MAX_CODE_POINTS = 256 * 1024;

  static final int MAX_NESTING = 16;
  static final int MAX_ALIASES = 10;

  private final ActionCatalog actions;
  private final Map<String, String> variableOverrides;
  private final double timeScale;

  /**
   * @param variableOverrides values that replace runbook variable defaults (environment-specific names)
   * @param timeScale         multiplies every duration (timeouts, backoff, approval deadlines), so a
   *                          sandbox can run the same runbooks fast
   */
  public RunbookLoader(
      ActionCatalog actions, Map<String, String> variableOverrides, double timeScale) {
    this.actions = actions;
    this.variableOverrides = Map.copyOf(variableOverrides);
    this.timeScale = timeScale;
  }

  public Runbook load(String file, String yaml) {
    Object root;
    if (yaml.length() > MAX_CODE_POINTS
        && yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
      // Refused before parsing: a runbook is a few kilobytes; a huge document only costs CPU.
      throw new RunbookException(
          file,
          "document",
          "too large: "
              + yaml.codePointCount(0, yaml.length())
              + " characters, a runbook may have at most "
              + MAX_CODE_POINTS);
    }
    try {
      root = new Yaml(new SafeConstructor(loaderOptions())).load(yaml);
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("Nesting Depth exceeded")) {
        throw new RunbookException(
            file,
            "document",
            "nested too deeply: a runbook may nest at most "
                + MAX_NESTING
                + " levels of lists and mappings");
      }
      if (message.contains("exceeds the limit")) {
        throw new RunbookException(
            file,
            "document",
            "too large: a runbook may have at most " + MAX_CODE_POINTS + " characters");
      }
      throw new RunbookException(file, "document", "not valid YAML: " + message.replace('\n', ' '));
    }
    Ctx ctx = new Ctx(file);
    Map<String, Object> doc = ctx.map(root, "document");
    ctx.known(doc, RUNBOOK_FIELDS, "runbook");
    String id = ctx.string(doc, "id", "runbook", true);
    int version = ctx.integer(doc, "version", "runbook", 1);
    String scenario = ctx.string(doc, "scenario", "runbook", true);
    if (!SCENARIOS.contains(scenario)) {
      throw ctx.error(
          "scenario",
          "unknown scenario '"
              + scenario
              + "', expected one of "
              + new java.util.TreeSet<>(SCENARIOS));
    }
    Map<String, String> vars = new LinkedHashMap<>();
    Object rawVars = doc.get("vars");
    if (rawVars != null) {
      ctx.map(rawVars, "vars").forEach((k, v) -> vars.put(k, v == null ? "" : String.valueOf(v)));
    }
    variableOverrides.forEach(
        (k, v) -> {
          if (vars.containsKey(k)) {
            vars.put(k, v);
          }
        });
    List<Step> steps = parseSteps(ctx, doc.get("steps"), "steps");
    if (steps.isEmpty()) {
      throw ctx.error("steps", "a runbook needs at least one step");
    }
    List<Step> compensations =
        doc.get("compensations") == null
            ? List.of()
            : parseSteps(ctx, doc.get("compensations"), "compensations");
    Template rpoFrom =
        doc.get("rpoFrom") == null
            ? null
            : ctx.template(String.valueOf(doc.get("rpoFrom")), "rpoFrom");
    String resolvedWhen = ctx.string(doc, "resolvedWhen", "runbook", false);
    boolean escalation =
        doc.get("escalation") == null
            || Boolean.parseBoolean(String.valueOf(doc.get("escalation")));
    Runbook runbook =
        new Runbook(
            id,
            version,
            ctx.string(doc, "title", "runbook", false),
            scenario,
            file,
            Map.copyOf(vars),
            steps,
            compensations,
            rpoFrom,
            resolvedWhen,
            escalation,
            control(ctx, doc.get("documentControl")),
            failureSeverity(ctx, doc));
    validate(ctx, runbook);
    return runbook;
  }

  private static String failureSeverity(Ctx ctx, Map<String, Object> doc) {
    String severity = ctx.string(doc, "failureSeverity", "runbook", false);
    if (severity != null && !SEVERITIES.contains(severity)) {
      throw ctx.error("failureSeverity", "'" + severity + "': expected one of " + SEVERITIES);
    }
    return severity;
  }

  /** Symbol names in the contract's order (for severities, the worst first). */
  private static Set<String> names(Enum<?>[] symbols) {
    Set<String> names = new LinkedHashSet<>();
    for (Enum<?> symbol : symbols) {
      names.add(symbol.name());
    }
    return java.util.Collections.unmodifiableSet(names);
  }

  private static Runbook.DocumentControl control(Ctx ctx, Object raw) {
    if (raw == null) {
      return null;
    }
    Map<String, Object> c = ctx.map(raw, "documentControl");
    ctx.known(c, CONTROL_FIELDS, "documentControl");
    Runbook.DocumentControl control =
        new Runbook.DocumentControl(
            ctx.string(c, "owner", "documentControl", true),
            ctx.date(c, "lastReviewed"),
            ctx.date(c, "nextReview"),
            ctx.string(c, "approvedBy", "documentControl", true));
    if (control.nextReview().isBefore(control.lastReviewed())) {
      throw ctx.error(
          "documentControl nextReview", "before lastReviewed (" + control.lastReviewed() + ")");
    }
    return control;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    return options;
  }

  private List<Step> parseSteps(Ctx ctx, Object raw, String where) {
    if (!(raw instanceof List<?> list)) {
      throw ctx.error(where, "expected a list of steps");
    }
    List<Step> steps = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> s = ctx.map(list.get(i), where + "[" + i + "]");
      String id = ctx.string(s, "id", where + "[" + i + "]", true);
      String at = "step '" + id + "'";
      if (!STEP_ID.matcher(id).matches()) {
        throw ctx.error(at, "step id must be lower-case letters, digits and '-'");
      }
      if (!ids.add(id)) {
        throw ctx.error(at, "duplicate step id");
      }
      ctx.known(s, STEP_FIELDS, at);
      String action = ctx.string(s, "action", at, true);
      Map<String, Object> parameters = new LinkedHashMap<>();
      if (s.get("parameters") != null) {
        ctx.map(s.get("parameters"), at + " parameters")
            .forEach(
                (name, value) ->
                    parameters.put(name, templated(ctx, value, at + " parameter '" + name + "'")));
      }
      List<String> dependsOn = new ArrayList<>();
      if (s.get("dependsOn") instanceof List<?> deps) {
        deps.forEach(d -> dependsOn.add(String.valueOf(d)));
      } else if (s.get("dependsOn") != null) {
        dependsOn.add(String.valueOf(s.get("dependsOn")));
      }
      Duration timeout =
          s.get("timeout") == null
              ? scale(DEFAULT_TIMEOUT)
              : ctx.duration(s.get("timeout"), at + " timeout");
      RetryPolicy retries = RetryPolicy.NONE;
      if (s.get("retries") != null) {
        Map<String, Object> r = ctx.map(s.get("retries"), at + " retries");
        ctx.known(r, RETRY_FIELDS, at + " retries");
        retries =
            new RetryPolicy(
                ctx.integer(r, "max", at + " retries", 0),
                r.get("backoff") == null
                    ? Duration.ZERO
                    : ctx.duration(r.get("backoff"), at + " retries.backoff"),
                r.get("multiplier") == null
                    ? 2.0
                    : Double.parseDouble(String.valueOf(r.get("multiplier"))));
      }
      FailurePolicy onFailure = FailurePolicy.ABORT;
      if (s.get("onFailure") != null) {
        try {
          onFailure = FailurePolicy.parse(String.valueOf(s.get("onFailure")));
        } catch (IllegalArgumentException e) {
          throw ctx.error(at + " onFailure", e.getMessage());
        }
      }
      Condition condition = null;
      if (s.get("condition") != null) {
        try {
          condition = Condition.parse(String.valueOf(s.get("condition")));
        } catch (IllegalArgumentException e) {
          throw ctx.error(at + " condition", e.getMessage());
        }
      }
      ApprovalGate approval = null;
      if (s.get("approval") != null) {
        Map<String, Object> a = ctx.map(s.get("approval"), at + " approval");
        ctx.known(a, APPROVAL_FIELDS, at + " approval");
        int approvers = ctx.integer(a, "approvers", at + " approval", 1);
        if (approvers < 1) {
          throw ctx.error(at + " approval.approvers", "must be at least 1");
        }
        approval =
            new ApprovalGate(
                ctx.string(a, "role", at + " approval", true),
                approvers,
                a.get("timeout") == null
                    ? scale(Duration.ofMinutes(30))
                    : ctx.duration(a.get("timeout"), at + " approval.timeout"),
                ctx.outcome(a, "onTimeout", at + " approval", ApprovalGate.Outcome.ESCALATE),
                ctx.outcome(a, "onReject", at + " approval", ApprovalGate.Outcome.SKIP));
      }
      String forEach = ctx.string(s, "forEach", at, false);
      if (forEach != null
          && !forEach.equals(FOR_EACH_AFFECTED)
          && !forEach.equals("${" + FOR_EACH_AFFECTED + "}")) {
        throw ctx.error(
            at + " forEach",
            "'" + forEach + "': a step can run once per " + FOR_EACH_AFFECTED + " only");
      }
      steps.add(
          new Step(
              id,
              ctx.string(s, "title", at, false),
              action,
              parameters,
              List.copyOf(dependsOn),
              timeout,
              retries,
              onFailure,
              condition,
              approval,
              ctx.string(s, "compensation", at, false),
              actions.find(action).map(ActionCatalog.ActionSpec::verdict).orElse(null),
              s.get("expected") == null
                  ? Duration.ZERO
                  : ctx.duration(s.get("expected"), at + " expected"),
              forEach != null));
    }
    return List.copyOf(steps);
  }

  private Object templated(Ctx ctx, Object value, String at) {
    if (value instanceof List<?> list) {
      return list.stream().map(v -> ctx.template(String.valueOf(v), at)).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Template> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) ->
              out.put(
                  String.valueOf(k),
                  ctx.template(v == null ? "" : String.valueOf(v), at + "." + k)));
      return out;
    }
    return ctx.template(value == null ? "" : String.valueOf(value), at);
  }

  private void validate(Ctx ctx, Runbook runbook) {
    Map<String, Step> byId = new LinkedHashMap<>();
    runbook.steps().forEach(s -> byId.put(s.id(), s));
    Set<String> compensationIds = new HashSet<>();
    for (Step c : runbook.compensations()) {
      if (byId.containsKey(c.id())) {
        throw ctx.error(
            "step '" + c.id() + "'", "a compensation step has the id of a runbook step");
      }
      if (!c.dependsOn().isEmpty()) {
        throw ctx.error(
            "step '" + c.id() + "' dependsOn",
            "compensation steps run on demand and depend on nothing");
      }
      compensationIds.add(c.id());
    }
    for (Step step : runbook.steps()) {
      for (String dep : step.dependsOn()) {
        if (!byId.containsKey(dep)) {
          throw ctx.error("step '" + step.id() + "' dependsOn", "unknown step '" + dep + "'");
        }
      }
    }
    checkAcyclic(ctx, byId);
    Map<String, ActionCatalog.ActionSpec> specs = new HashMap<>();
    List<Step> all = new ArrayList<>(runbook.steps());
    all.addAll(runbook.compensations());
    for (Step step : all) {
      String at = "step '" + step.id() + "'";
      ActionCatalog.ActionSpec spec =
          actions
              .find(step.action())
              .orElseThrow(() -> ctx.error(at + " action", actions.whyUnknown(step.action())));
      specs.put(step.id(), spec);
      for (String required : spec.required()) {
        if (!step.parameters().containsKey(required)) {
          throw ctx.error(
              at + " parameters",
              "missing parameter '" + required + "' required by " + spec.commandType());
        }
      }
      for (Map.Entry<String, Object> p : step.parameters().entrySet()) {
        if (!spec.parameters().containsKey(p.getKey())) {
          throw ctx.error(
              at + " parameter '" + p.getKey() + "'",
              "unknown parameter: "
                  + spec.commandType()
                  + " has "
                  + new java.util.TreeSet<>(spec.parameters().keySet()));
        }
        Object literal = literalOf(p.getValue());
        if (literal != null) {
          String problem = spec.checker().check(p.getKey(), literal);
          if (problem != null) {
            throw ctx.error(at + " parameter '" + p.getKey() + "'", problem);
          }
        }
      }
      for (String target : compensationTargets(step)) {
        if (!compensationIds.contains(target)) {
          throw ctx.error(
              at + " compensation",
              "unknown compensation step '" + target + "' (declare it under 'compensations')");
        }
      }
    }
    Set<String> perTable = runbook.perTable();
    for (Step step : all) {
      String at = "step '" + step.id() + "'";
      for (String target : compensationTargets(step)) {
        if (!step.forEach() && perTable.contains(target)) {
          throw ctx.error(
              at + " compensation",
              "'"
                  + target
                  + "' runs once per affected table (forEach) but this step"
                  + " runs once: give the step 'forEach: "
                  + FOR_EACH_AFFECTED
                  + "' or the compensation none");
        }
      }
      for (List<Template> templates : templatesOf(step).values()) {
        for (Template template : templates) {
          for (Template.Ref ref : template.references()) {
            if (ref.root().equals("resource") && !step.forEach()) {
              throw ctx.error(
                  at,
                  "bad template '"
                      + template
                      + "': ${resource."
                      + ref.name()
                      + "} is the affected table's"
                      + " catalogue entry, known only in a step with 'forEach: "
                      + FOR_EACH_AFFECTED
                      + "'");
            }
            if (ref.root().equals("resource") && !ProtectedResources.FIELDS.contains(ref.name())) {
              throw ctx.error(
                  at,
                  "bad template '"
                      + template
                      + "': unknown resource field '"
                      + ref.name()
                      + "', expected one of "
                      + new java.util.TreeSet<>(ProtectedResources.FIELDS));
            }
            if (ref.root().equals("steps") && perTable.contains(ref.step()) && !step.forEach()) {
              throw ctx.error(
                  at,
                  "bad template '"
                      + template
                      + "': step '"
                      + ref.step()
                      + "' runs once per affected table,"
                      + " so only a per-table step (forEach) can read its outputs");
            }
          }
        }
      }
    }
    if (runbook.resolvedWhen() != null && perTable.contains(runbook.resolvedWhen())) {
      throw ctx.error(
          "resolvedWhen",
          "step '"
              + runbook.resolvedWhen()
              + "' runs once per affected table; the resolving"
              + " step must run once, after every table's recovery");
    }
    for (Step step : all) {
      String at = "step '" + step.id() + "'";
      Set<String> before =
          runbook.isCompensation(step.id()) ? byId.keySet() : ancestors(step, byId);
      for (Map.Entry<String, List<Template>> t : templatesOf(step).entrySet()) {
        Step gated = t.getKey().startsWith("parameter ") ? step : null;
        for (Template template : t.getValue()) {
          checkRefs(ctx, runbook, template, at + " " + t.getKey(), before, specs, gated);
        }
      }
      checkApproversLists(ctx, step, specs.get(step.id()), at);
    }
    if (runbook.rpoFrom() != null) {
      checkRefs(ctx, runbook, runbook.rpoFrom(), "rpoFrom", byId.keySet(), specs, null);
    }
    if (runbook.resolvedWhen() != null && !byId.containsKey(runbook.resolvedWhen())) {
      throw ctx.error("resolvedWhen", "unknown step '" + runbook.resolvedWhen() + "'");
    }
  }

  private static Object literalOf(Object value) {
    if (value instanceof Template t) {
      return t.isLiteral() ? t.source() : null;
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(v -> ((Template) v).isLiteral())
          ? list.stream().map(v -> ((Template) v).source()).toList()
          : null;
    }
    return null;
  }

  /** The steps a step names to undo its work: its own compensation and its failure policy's. */
  private static List<String> compensationTargets(Step step) {
    return Stream.of(step.compensation(), step.onFailure().compensationStep())
        .filter(target -> target != null && !target.isEmpty())
        .toList();
  }

  private static Map<String, List<Template>> templatesOf(Step step) {
    Map<String, List<Template>> out = new LinkedHashMap<>();
    step.parameters()
        .forEach(
            (name, value) -> {
              List<Template> list = new ArrayList<>();
              if (value instanceof Template t) {
                list.add(t);
              } else if (value instanceof List<?> l) {
                l.forEach(v -> list.add((Template) v));
              } else if (value instanceof Map<?, ?> m) {
                m.values().forEach(v -> list.add((Template) v));
              }
              out.put("parameter '" + name + "'", list);
            });
    if (step.condition() != null) {
      out.put("condition", step.condition().templates());
    }
    return out;
  }

  /**
   * @param step the step whose parameter this template is, or null (a condition, {@code rpoFrom}):
   *             only a step's parameters may name the people who approved it
   */
  private void checkRefs(
      Ctx ctx,
      Runbook runbook,
      Template template,
      String at,
      Set<String> before,
      Map<String, ActionCatalog.ActionSpec> specs,
      Step step) {
    for (Template.Ref ref : template.references()) {
      switch (ref.root()) {
        case "approval" -> {
          if (step == null) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': ${approval.approvers} is known only in the"
                    + " parameters of a step with an approval gate, once its approvers have approved");
          }
          if (runbook.isCompensation(step.id())) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': compensation step '"
                    + step.id()
                    + "' runs without an approval gate, so no one approves it");
          }
          if (step.approval() == null) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': step '"
                    + step.id()
                    + "' has no approval gate, so no one approves it (add 'approval:' to the step or remove ${approval.approvers})");
          }
        }
        case "incident" -> {
          if (IncidentField.named(ref.name()).isEmpty()) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': unknown incident field '"
                    + ref.name()
                    + "', expected one of "
                    + IncidentField.names());
          }
        }
        case "subjects" -> {
          // any name: what a detection names varies by detector; an unnamed one renders empty
        }
        case "resource" -> {
          // checked with the step's forEach above
        }
        case "vars" -> {
          if (!runbook.vars().containsKey(ref.name())) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': variable '"
                    + ref.name()
                    + "' is not declared under 'vars'");
          }
        }
        default -> {
          if (!specs.containsKey(ref.step()) || runbook.isCompensation(ref.step())) {
            throw ctx.error(
                at, "bad template '" + template + "': unknown step '" + ref.step() + "'");
          }
          if (!before.contains(ref.step())) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': step '"
                    + ref.step()
                    + "' is not a (transitive) dependency, so its outputs may not exist yet");
          }
          if (!specs.get(ref.step()).outputs().contains(ref.name())) {
            throw ctx.error(
                at,
                "bad template '"
                    + template
                    + "': step '"
                    + ref.step()
                    + "' has no output '"
                    + ref.name()
                    + "', it has "
                    + new java.util.TreeSet<>(specs.get(ref.step()).outputs()));
          }
        }
      }
    }
  }

  /**
   * A parameter that is exactly {@code ${approval.approvers}} renders as a list, so its field must
   * take one (an array); inside other text it renders comma-separated and fits any string field.
   */
  private static void checkApproversLists(
      Ctx ctx, Step step, ActionCatalog.ActionSpec spec, String at) {
    for (Map.Entry<String, Object> p : step.parameters().entrySet()) {
      if (p.getValue() instanceof Template t && t.isApproversList()) {
        String problem = spec.checker().check(p.getKey(), List.of("approver"));
        if (problem != null) {
          throw ctx.error(
              at + " parameter '" + p.getKey() + "'",
              "bad template '"
                  + t
                  + "': ${approval.approvers} alone"
                  + " is a list of approvers, for an array field, but "
                  + problem
                  + " (inside text, e.g. 'approved by ${approval.approvers}', it is comma-separated)");
        }
      }
    }
  }

  private static Set<String> ancestors(Step step, Map<String, Step> byId) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(step.dependsOn());
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      if (seen.add(id) && byId.containsKey(id)) {
        todo.addAll(byId.get(id).dependsOn());
      }
    }
    return seen;
  }

  private static void checkAcyclic(Ctx ctx, Map<String, Step> byId) {
    Map<String, Integer> state = new HashMap<>();
    for (String id : byId.keySet()) {
      List<String> path = new ArrayList<>();
      if (cycleFrom(id, byId, state, path)) {
        throw ctx.error(
            "step '" + path.get(0) + "' dependsOn", "cycle: " + String.join(" -> ", path));
      }
    }
  }

  private static boolean cycleFrom(
      String id, Map<String, Step> byId, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return false;
    }
    path.add(id);
    if (s != null && s == 1) {
      int first = path.indexOf(id);
      path.subList(0, first).clear();
      return true;
    }
    state.put(id, 1);
    for (String dep : byId.get(id).dependsOn()) {
      if (cycleFrom(dep, byId, state, path)) {
        return true;
      }
    }
    state.put(id, 2);
    path.remove(path.size() - 1);
    return false;
  }

  private Duration scale(Duration d) {
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * timeScale)));
  }

  /** Parsing helpers that know which file they read, so every problem names it. */
  private final class Ctx {
    private final String file;

    Ctx(String file) {
      this.file = file;
    }

    RunbookException error(String location, String reason) {
      return new RunbookException(file, location, reason);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object raw, String at) {
      if (!(raw instanceof Map<?, ?>)) {
        throw error(at, "expected a mapping");
      }
      return (Map<String, Object>) raw;
    }

    void known(Map<String, Object> m, Set<String> allowed, String at) {
      for (String key : m.keySet()) {
        if (!allowed.contains(key)) {
          throw error(
              at,
              "unknown field '" + key + "', expected one of " + new java.util.TreeSet<>(allowed));
        }
      }
    }

    String string(Map<String, Object> m, String key, String at, boolean required) {
      Object v = m.get(key);
      if (v == null || String.valueOf(v).isBlank()) {
        if (required) {
          throw error(at, "missing field '" + key + "'");
        }
        return null;
      }
      return String.valueOf(v);
    }

    int integer(Map<String, Object> m, String key, String at, int fallback) {
      Object v = m.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(String.valueOf(v));
      } catch (NumberFormatException e) {
        throw error(at + " " + key, "not an integer: '" + v + "'");
      }
    }

    Template template(String text, String at) {
      try {
        return Template.parse(text);
      } catch (IllegalArgumentException e) {
        throw error(at, e.getMessage());
      }
    }

    ApprovalGate.Outcome outcome(
        Map<String, Object> m, String key, String at, ApprovalGate.Outcome fallback) {
      Object v = m.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        return ApprovalGate.Outcome.valueOf(String.valueOf(v).toUpperCase());
      } catch (IllegalArgumentException e) {
        throw error(at + "." + key, "expected abort, skip or escalate, not '" + v + "'");
      }
    }

    java.time.LocalDate date(Map<String, Object> m, String key) {
      Object v = m.get(key);
      if (v == null) {
        throw error("documentControl", "missing field '" + key + "'");
      }
      if (v instanceof java.util.Date d) {
        return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
      }
      try {
        return java.time.LocalDate.parse(String.valueOf(v));
      } catch (DateTimeParseException e) {
        throw error("documentControl " + key, "not a date (YYYY-MM-DD): '" + v + "'");
      }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}). */
    Duration duration(Object raw, String at) {
      String v = String.valueOf(raw).trim();
      try {
        Duration d;
        if (v.startsWith("P") || v.startsWith("p")) {
          d = Duration.parse(v);
        } else if (v.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.endsWith("s")) {
          d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        } else if (v.endsWith("m")) {
          d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        } else if (v.endsWith("h")) {
          d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        } else {
          throw new NumberFormatException();
        }
        return scale(d);
      } catch (NumberFormatException | DateTimeParseException e) {
        throw error(at, "bad duration '" + v + "': use 500ms, 30s, 5m, 1h or ISO-8601");
      }
    }
  }
}
