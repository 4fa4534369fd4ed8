package io.drautopilot.readiness.service.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The protected tables (the orchestrator's protected-resources catalogue: a short name and the table),
 * and which of them a name on the log is about: the table itself, its catalogue name, or a table the
 * runbooks derive from it ({@code <table>-recovery}, {@code <table>-drill}).
 */
public record ProtectedTables(List<Entry> tables) {

  /** One catalogue entry. */
  public record Entry(String name, String table) {}

  public ProtectedTables {
    tables = List.copyOf(tables);
  }

  public Optional<String> resolve(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    for (Entry e : tables) {
      if (e.table().equals(name) || e.name().equals(name)) {
        return Optional.of(e.table());
      }
    }
    return tables.stream()
        .filter(e -> name.startsWith(e.table() + "-"))
        .max(Comparator.comparingInt(e -> e.table().length()))
        .map(Entry::table);
  }

  public List<String> names() {
    return tables.stream().map(Entry::table).toList();
  }
}
