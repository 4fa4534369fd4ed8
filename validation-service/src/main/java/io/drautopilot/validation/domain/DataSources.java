package io.drautopilot.validation.domain;

/** Where items come from; implemented by the DynamoDB and snapshot adapters. */
public interface DataSources {

  ItemSource table(String tableName, String region);

  /**
   * A logical snapshot: {@code location} is one snapshot directory, or the table's directory meaning
   * its latest complete snapshot.
   */
  ItemSource snapshot(String location);
}
