package io.drautopilot.console.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a runbook's steps out as a graph a person reads left to right: a step's column is the length
 * of the longest chain of steps it waits for, so every arrow points right; within a column, steps
 * keep the runbook's order. Dependencies on steps that are not in the list are ignored.
 */
public final class StepGraph {

  public record Node(String id, List<String> dependsOn) {}

  /** A step's place: column ({@code layer}) and row within it. */
  public record Placed(String id, int layer, int row) {}

  public record Edge(String from, String to) {}

  public record Layout(List<Placed> nodes, List<Edge> edges, int layers, int rows) {}

  private StepGraph() {}

  public static Layout layout(List<Node> nodes) {
    Map<String, Node> byId = new HashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    Map<String, Integer> layers = new HashMap<>();
    for (Node n : nodes) {
      layer(n, byId, layers, new java.util.HashSet<>());
    }
    Map<Integer, Integer> rowsUsed = new HashMap<>();
    List<Placed> placed = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    int maxLayer = -1;
    int maxRows = 0;
    for (Node n : nodes) {
      int layer = layers.get(n.id());
      int row = rowsUsed.merge(layer, 1, Integer::sum) - 1;
      placed.add(new Placed(n.id(), layer, row));
      maxLayer = Math.max(maxLayer, layer);
      maxRows = Math.max(maxRows, row + 1);
      for (String dep : n.dependsOn()) {
        if (byId.containsKey(dep)) {
          edges.add(new Edge(dep, n.id()));
        }
      }
    }
    return new Layout(placed, edges, maxLayer + 1, maxRows);
  }

  private static int layer(
      Node n, Map<String, Node> byId, Map<String, Integer> layers, java.util.Set<String> visiting) {
    Integer known = layers.get(n.id());
    if (known != null) {
      return known;
    }
    if (!visiting.add(n.id())) {
      // a cycle: the orchestrator refuses such a runbook; here it is only drawn, in the runbook's
      // order
      return 0;
    }
    int layer = 0;
    for (String dep : n.dependsOn()) {
      Node d = byId.get(dep);
      if (d != null) {
        layer = Math.max(layer, layer(d, byId, layers, visiting) + 1);
      }
    }
    visiting.remove(n.id());
    layers.put(n.id(), layer);
    return layer;
  }
}
