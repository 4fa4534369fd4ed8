package io.drautopilot.integrity;

/** DynamoDB's attribute types, by their wire names, so configuration reads like the data. */
public enum AttributeType {
  S,
  N,
  B,
  BOOL,
  NULL,
  M,
  L,
  SS,
  NS,
  BS
}
