package io.drautopilot.restore.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's UpdateFunctionConfiguration replaces the whole environment, so a change must be merged
 * into the current variables: every existing variable is kept, only the named ones are set.
 *
 * @param merged the complete environment to send
 * @param previousValues the earlier values of the variables being set that existed (an absent key
 *     means the variable did not exist), for the compensation
 * @param changed true when {@code merged} differs from the current environment
 */
public record EnvironmentMerge(
    Map<String, String> merged, Map<String, String> previousValues, boolean changed) {

  public static EnvironmentMerge of(Map<String, String> current, Map<String, String> changes) {
    Map<String, String> merged = new LinkedHashMap<>(current == null ? Map.of() : current);
    Map<String, String> previous = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<String, String> c : changes.entrySet()) {
      String old = merged.put(c.getKey(), c.getValue());
      if (old != null) {
        previous.put(c.getKey(), old);
      }
      changed |= !c.getValue().equals(old);
    }
    return new EnvironmentMerge(Map.copyOf(merged), previous, changed);
  }
}
