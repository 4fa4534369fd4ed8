package io.drautopilot.orchestrator.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The catalogue of protected tables: for each, what names it in the service (the functions that use
 * it and the environment variable that holds its name), its circuit-breaker variable, backup vault,
 * cache types and health URL. A runbook step with {@code forEach: incident.affectedResources} runs
 * once per affected table and reads that table's entry as {@code ${resource.<field>}}, so an incident
 * on the events table cuts over {@code EVENT_TABLE}, not the entities table's variable.
 */
public final class ProtectedResources {

  /** One protected table; {@code name} is short (entities, events) and suffixes the step ids of its copies. */
  public record Table(
      String name,
      String table,
      List<String> functions,
      String tableVariable,
      String circuitBreakerVariable,
      String backupVault,
      List<String> cacheTypes,
      String healthUrl,
      String snapshotLocation) {

    /** The values a template reads as {@code ${resource.<field>}}; an absent one renders empty. */
    public Map<String, String> values() {
      Map<String, String> v = new LinkedHashMap<>();
      v.put("name", name);
      v.put("table", table);
      v.put("function", functions.isEmpty() ? "" : functions.get(0));
      v.put("functions", String.join(",", functions));
      v.put("tableVariable", nullToEmpty(tableVariable));
      v.put("circuitBreakerVariable", nullToEmpty(circuitBreakerVariable));
      v.put("backupVault", nullToEmpty(backupVault));
      v.put("cacheType", cacheTypes.isEmpty() ? "" : cacheTypes.get(0));
      v.put("cacheTypes", String.join(",", cacheTypes));
      v.put("healthUrl", nullToEmpty(healthUrl));
      v.put("snapshotLocation", nullToEmpty(snapshotLocation));
      return v;
    }

    /** A table the catalogue does not know: only its name, so the steps say which table they lack. */
    public static Table unknown(String table) {
      String name = table.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
      return new Table(
          name.isEmpty() ? "table" : name,
          table,
          List.of(),
          null,
          null,
          null,
          List.of(),
          null,
          null);
    }
  }

  /** The fields a template may read, checked when a runbook is loaded. */
  public static final Set<String> FIELDS = Set.copyOf(Table.unknown("x").values().keySet());

  private static final Set<String> TABLE_FIELDS =
      Set.of(
          "name",
          "table",
          "functions",
          "tableVariable",
          "circuitBreakerVariable",
          "backupVault",
          "cacheTypes",
          "healthUrl",
          "snapshotLocation");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final String file;
  private final List<Table> tables;

  private ProtectedResources(String file, List<Table> tables) {
    this.file = file;
    this.tables = List.copyOf(tables);
  }

  public static ProtectedResources none() {
    return new ProtectedResources("none", List.of());
  }

  public String file() {
    return file;
  }

  public List<Table> tables() {
    return tables;
  }

  public Optional<Table> forTable(String tableName) {
    return tables.stream().filter(t -> t.table().equals(tableName)).findFirst();
  }

  /**
   * Reads and validates the catalogue; the first problem stops start-up with the file, the entry and
   * the field, e.g. {@code protected-resources.yml: tables[1] functions: missing field 'functions'}.
   */
  public static ProtectedResources parse(String file, String yaml) {
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(256 * 1024);
      options.setNestingDepthLimit(8);
      options.setMaxAliasesForCollections(10);
      root = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new RunbookException(
          file, "document", "not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> doc) || !(doc.get("tables") instanceof List<?> list)) {
      throw new RunbookException(
          file, "tables", "expected a list of protected tables under 'tables'");
    }
    for (Object key : doc.keySet()) {
      if (!"tables".equals(key)) {
        throw new RunbookException(
            file, "document", "unknown field '" + key + "', expected 'tables'");
      }
    }
    List<Table> tables = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    Set<String> tableNames = new TreeSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "tables[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        throw new RunbookException(file, at, "expected a mapping");
      }
      for (Object key : entry.keySet()) {
        if (!TABLE_FIELDS.contains(String.valueOf(key))) {
          throw new RunbookException(
              file,
              at + " " + key,
              "unknown field, expected one of " + new TreeSet<>(TABLE_FIELDS));
        }
      }
      String name = required(file, entry, "name", at);
      if (!NAME.matcher(name).matches()) {
        throw new RunbookException(
            file,
            at + " name",
            "'" + name + "' must be lower-case letters, digits and '-' (it suffixes step ids)");
      }
      if (!names.add(name)) {
        throw new RunbookException(file, at + " name", "duplicate name '" + name + "'");
      }
      String table = required(file, entry, "table", at);
      if (!tableNames.add(table)) {
        throw new RunbookException(
            file, at + " table", "table '" + table + "' is already in the catalogue");
      }
      List<String> functions = list(file, entry, "functions", at);
      if (functions.isEmpty()) {
        throw new RunbookException(
            file, at + " functions", "missing field 'functions': the functions that use the table");
      }
      tables.add(
          new Table(
              name,
              table,
              functions,
              required(file, entry, "tableVariable", at),
              required(file, entry, "circuitBreakerVariable", at),
              optional(entry, "backupVault"),
              list(file, entry, "cacheTypes", at),
              optional(entry, "healthUrl"),
              optional(entry, "snapshotLocation")));
    }
    return new ProtectedResources(file, tables);
  }

  private static String required(String file, Map<?, ?> entry, String field, String at) {
    String v = optional(entry, field);
    if (v == null) {
      throw new RunbookException(file, at + " " + field, "missing field '" + field + "'");
    }
    return v;
  }

  private static String optional(Map<?, ?> entry, String field) {
    Object v = entry.get(field);
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
  }

  private static List<String> list(String file, Map<?, ?> entry, String field, String at) {
    Object v = entry.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new RunbookException(file, at + " " + field, "expected a list, e.g. [" + v + "]");
    }
    return l.stream().map(String::valueOf).filter(s -> !s.isBlank()).toList();
  }

  private static String nullToEmpty(String v) {
    return v == null ? "" : v;
  }
}
