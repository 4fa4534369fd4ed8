package io.drautopilot.integrity;

import java.util.List;
import java.util.Map;

/**
 * Which attributes an item must have, and of which type when present: for every item ({@link
 * RuleSetSpec}) or for the items of one entity type ({@link RuleSetSpec.EntityTypeSpec}).
 */
public class AttributeRulesSpec {

  private List<String> required;
  private Map<String, AttributeType> types;

  protected AttributeRulesSpec(List<String> required, Map<String, AttributeType> types) {
    this.required = required;
    this.types = types;
  }

  public List<String> getRequired() {
    return required;
  }

  public void setRequired(List<String> required) {
    this.required = required;
  }

  public Map<String, AttributeType> getTypes() {
    return types;
  }

  public void setTypes(Map<String, AttributeType> types) {
    this.types = types;
  }
}
