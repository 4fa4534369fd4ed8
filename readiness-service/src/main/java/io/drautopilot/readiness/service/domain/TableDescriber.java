package io.drautopilot.readiness.service.domain;

/** Reads a table's size, PITR status and replicas (DescribeTable, DescribeContinuousBackups). */
public interface TableDescriber {

  /** Never throws: what cannot be read is reported in {@link TableFacts#problem()}. */
  TableFacts describe(String table, String region);
}
