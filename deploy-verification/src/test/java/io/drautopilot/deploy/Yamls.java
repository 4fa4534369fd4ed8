package io.drautopilot.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Parsing and walking YAML documents as maps and lists. */
final class Yamls {

  private Yamls() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> loadAll(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(options).loadAll(text)) {
      if (doc instanceof Map<?, ?> map) {
        docs.add((Map<String, Object>) map);
      }
    }
    return docs;
  }

  /** The value at a dotted path of map keys ({@code spec.template.spec}); null when any step is missing. */
  @SuppressWarnings("unchecked")
  static Object at(Object node, String path) {
    Object current = node;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = ((Map<String, Object>) map).get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String path) {
    Object value = at(node, path);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object node, String path) {
    Object value = at(node, path);
    return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  static String string(Object node, String path) {
    Object value = at(node, path);
    return value == null ? null : String.valueOf(value);
  }

  static String kind(Map<String, Object> doc) {
    return string(doc, "kind");
  }

  static String name(Map<String, Object> doc) {
    return string(doc, "metadata.name");
  }
}
