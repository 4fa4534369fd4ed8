package io.drautopilot.readiness.service.adapter.file;

import io.drautopilot.readiness.service.domain.ProtectedTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the orchestrator's protected-resources catalogue format ({@code tables: [{name, table, ...}]});
 * only {@code name} and {@code table} matter here, the other fields are ignored.
 */
public final class ProtectedResourcesFile {

  private ProtectedResourcesFile() {}

  public static ProtectedTables read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the protected-resources catalogue " + file, e);
    }
  }

  static ProtectedTables parse(InputStream in, String source) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    if (!(root instanceof Map<?, ?> map) || !(map.get("tables") instanceof List<?> entries)) {
      throw new IllegalArgumentException(source + ": no 'tables' list");
    }
    List<ProtectedTables.Entry> tables = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof Map<?, ?> entry)
          || !(entry.get("table") instanceof String table)) {
        throw new IllegalArgumentException(
            source + ": tables[" + i + "] table: missing field 'table'");
      }
      Object name = entry.get("name");
      tables.add(new ProtectedTables.Entry(name instanceof String s ? s : table, table));
    }
    return new ProtectedTables(tables);
  }
}
