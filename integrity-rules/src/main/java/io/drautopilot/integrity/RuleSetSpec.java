package io.drautopilot.integrity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a {@link RuleSet}, as a plain bean so each service can bind it from its own
 * {@code @ConfigurationProperties} (e.g. {@code dr.validation.rule-sets.default.*}). The defaults
 * are the seed runbook's {@code validateRecord}: PK, SK and entityType present.
 *
 * <pre>
 * required: [PK, SK, entityType]          # every item
 * types: {PK: S, SK: S, entityType: S}    # checked when the attribute is present
 * entity-type-attribute: entityType
 * key-attributes: [PK, SK]                # how an item is named in reports
 * known-entity-types-only: false          # true: an entity type not listed below is a violation
 * entity-types:
 *   Employee: {required: [email], types: {email: S, salary: N}}
 * </pre>
 */
public class RuleSetSpec extends AttributeRulesSpec {

  private String entityTypeAttribute = "entityType";
  private List<String> keyAttributes = new ArrayList<>(List.of("PK", "SK"));
  private boolean knownEntityTypesOnly;
  private Map<String, EntityTypeSpec> entityTypes = new LinkedHashMap<>();

  public RuleSetSpec() {
    super(
        new ArrayList<>(List.of("PK", "SK", "entityType")),
        new LinkedHashMap<>(
            Map.of("PK", AttributeType.S, "SK", AttributeType.S, "entityType", AttributeType.S)));
  }

  /** Rules for the items of one entity type, on top of the rules for every item. */
  public static class EntityTypeSpec extends AttributeRulesSpec {

    public EntityTypeSpec() {
      super(new ArrayList<>(), new LinkedHashMap<>());
    }
  }

  public String getEntityTypeAttribute() {
    return entityTypeAttribute;
  }

  public void setEntityTypeAttribute(String entityTypeAttribute) {
    this.entityTypeAttribute = entityTypeAttribute;
  }

  public List<String> getKeyAttributes() {
    return keyAttributes;
  }

  public void setKeyAttributes(List<String> keyAttributes) {
    this.keyAttributes = keyAttributes;
  }

  public boolean isKnownEntityTypesOnly() {
    return knownEntityTypesOnly;
  }

  public void setKnownEntityTypesOnly(boolean knownEntityTypesOnly) {
    this.knownEntityTypesOnly = knownEntityTypesOnly;
  }

  public Map<String, EntityTypeSpec> getEntityTypes() {
    return entityTypes;
  }

  public void setEntityTypes(Map<String, EntityTypeSpec> entityTypes) {
    this.entityTypes = entityTypes;
  }
}
