package io.drautopilot.detector.domain;

/** The table (and its region) a maintenance procedure runs against. */
public record MaintenanceTarget(String region, String table) {

  public MaintenanceTarget {
    if (region == null || region.isBlank() || table == null || table.isBlank()) {
      throw new IllegalArgumentException("a maintenance target needs a region and a table");
    }
  }
}
