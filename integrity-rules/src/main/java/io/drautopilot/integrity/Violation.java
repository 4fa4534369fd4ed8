package io.drautopilot.integrity;

/**
 * One rule an item breaks. {@link #rule()} is a stable id used as the key of per-rule counts:
 * {@code required:PK}, {@code type:entityType=S}, {@code required:Employee.email},
 * {@code type:Employee.salary=N}, {@code unknown-entity-type}. It names attributes, never values.
 */
public record Violation(
    Kind kind, String entityType, String attribute, AttributeType expectedType) {

  /** What kind of rule was broken. */
  public enum Kind {
    MISSING_ATTRIBUTE,
    WRONG_TYPE,
    UNKNOWN_ENTITY_TYPE
  }

  public String rule() {
    String scope = entityType == null ? "" : entityType + ".";
    return switch (kind) {
      case MISSING_ATTRIBUTE -> "required:" + scope + attribute;
      case WRONG_TYPE -> "type:" + scope + attribute + "=" + expectedType;
      case UNKNOWN_ENTITY_TYPE -> "unknown-entity-type";
    };
  }
}
