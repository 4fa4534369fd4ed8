package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.runbook.ActionCatalog;
import io.drautopilot.orchestrator.runbook.ActionCatalog.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Actions from the contracts: {@code <handler>.<verbNoun>} is the released {@code <VerbNoun>Command}
 * schema, sent to the topic configured for {@code <handler>}; its outputs are the fields of the
 * {@code <VerbNoun>Result}'s success record. A new handler needs its schemas on the classpath and a
 * route, nothing else.
 */
public class ContractActionCatalog implements ActionCatalog {

  private final ContractCatalog catalog;
  private final Map<String, String> routes;
  private final Map<String, Optional<ActionSpec>> cache = new ConcurrentHashMap<>();

  public ContractActionCatalog(ContractCatalog catalog, Map<String, String> routes) {
    this.catalog = catalog;
    this.routes = Map.copyOf(routes);
  }

  public Map<String, String> routes() {
    return routes;
  }

  @Override
  public Optional<ActionSpec> find(String action) {
    return cache.computeIfAbsent(action, this::lookup);
  }

  /** The command schema of an action (present when {@link #find} is). */
  public Schema commandSchema(String action) {
    return catalog.latestBySimpleName(typeName(action, "Command")).orElseThrow();
  }

  public String topic(String action) {
    return routes.get(action.substring(0, action.indexOf('.')));
  }

  @Override
  public String whyUnknown(String action) {
    int dot = action.indexOf('.');
    if (dot <= 0 || dot == action.length() - 1) {
      return "unknown action '"
          + action
          + "': expected <handler>.<verbNoun>, e.g. restore.restoreTableToPointInTime";
    }
    String handler = action.substring(0, dot);
    if (!routes.containsKey(handler)) {
      return "unknown action '"
          + action
          + "': no route for handler '"
          + handler
          + "' (configure dr.orchestrator.routes."
          + handler
          + "=<topic>; routed: "
          + new TreeSet<>(routes.keySet())
          + ")";
    }
    return "unknown action '"
        + action
        + "': no released schema "
        + typeName(action, "Command")
        + " in the contract catalog";
  }

  private Optional<ActionSpec> lookup(String action) {
    int dot = action.indexOf('.');
    if (dot <= 0 || dot == action.length() - 1 || !routes.containsKey(action.substring(0, dot))) {
      return Optional.empty();
    }
    Optional<Schema> command = catalog.latestBySimpleName(typeName(action, "Command"));
    if (command.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Boolean> parameters = new LinkedHashMap<>();
    for (Schema.Field f : command.get().getFields()) {
      if (!f.name().equals("metadata")) {
        parameters.put(
            f.name(), !f.hasDefaultValue() && !ParameterConverter.isNullable(f.schema()));
      }
    }
    Set<String> outputs = new TreeSet<>();
    outputs.addAll(List.of("eventId", "startedAt", "completedAt"));
    Verdict[] verdict = {null};
    catalog
        .latestBySimpleName(typeName(action, "Result"))
        .map(r -> r.getField("outcome"))
        .ifPresent(
            outcome -> {
              for (Schema branch : outcome.schema().getTypes()) {
                if (branch.getType() == Schema.Type.RECORD
                    && !branch.getName().equals("CommandFailure")) {
                  collectOutputs(branch, "", outputs);
                  verdict[0] = verdictOf(branch);
                }
              }
            });
    Schema schema = command.get();
    return Optional.of(
        new ActionSpec(
            action,
            schema.getName(),
            topic(action),
            parameters,
            outputs,
            (name, literal) -> ParameterConverter.check(schema.getField(name).schema(), literal),
            verdict[0]));
  }

  /**
   * The contracts name a command's answer by convention: a top-level boolean {@code passed}
   * (validation, backup verification, performance check), {@code matches} (comparison) or
   * {@code healthy} (health check) in the success record. Only health may change on asking again.
   */
  static Verdict verdictOf(Schema success) {
    for (Map.Entry<String, Boolean> v : VERDICT_FIELDS.entrySet()) {
      Schema.Field f = success.getField(v.getKey());
      if (f != null && f.schema().getType() == Schema.Type.BOOLEAN) {
        return new Verdict(v.getKey(), v.getValue());
      }
    }
    return null;
  }

  /** Verdict field → whether a negative answer may turn positive on a retry. */
  private static final Map<String, Boolean> VERDICT_FIELDS = verdictFields();

  private static Map<String, Boolean> verdictFields() {
    Map<String, Boolean> m = new LinkedHashMap<>();
    m.put("passed", false);
    m.put("matches", false);
    m.put("healthy", true);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void collectOutputs(Schema record, String prefix, Set<String> out) {
    for (Schema.Field f : record.getFields()) {
      Schema s = ParameterConverter.nonNull(f.schema());
      if (s.getType() == Schema.Type.RECORD) {
        collectOutputs(s, prefix + f.name() + ".", out);
      } else {
        out.add(prefix + f.name());
      }
    }
  }

  static String typeName(String action, String suffix) {
    String verbNoun = action.substring(action.indexOf('.') + 1);
    return Character.toUpperCase(verbNoun.charAt(0)) + verbNoun.substring(1) + suffix;
  }

  /** The routes every deployment has; configuration adds more (a new handler) or overrides them. */
  public static Map<String, String> defaultRoutes() {
    return Map.of(
        "restore",
        "dr.commands.restore",
        "validation",
        "dr.commands.validation",
        "notifier",
        "dr.commands.notifier");
  }

  static List<String> handlers(Map<String, String> routes) {
    return List.copyOf(new TreeSet<>(routes.keySet()));
  }
}
