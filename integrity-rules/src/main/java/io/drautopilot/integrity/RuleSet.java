package io.drautopilot.integrity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The record rules of one table: which attributes every item needs, of which type, and what each
 * entity type needs on top. Immutable and thread-safe; evaluate items from as many scan threads as
 * you like.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.from(spec);                 // or RuleSet.defaults()
 * List<Violation> broken = rules.evaluate(DynamoDbItems.view(item));
 * String key = rules.keyOf(DynamoDbItems.view(item)); // "PK=EMPLOYEE#1|SK=PROFILE", keys only
 * }</pre>
 *
 * An attribute counts as present the way the seed's {@code item.PK && item.SK && item.entityType}
 * meant it: it exists, is not of type NULL and is not an empty string.
 */
public final class RuleSet {

  private final List<String> required;
  private final Map<String, AttributeType> types;
  private final String entityTypeAttribute;
  private final List<String> keyAttributes;
  private final boolean knownEntityTypesOnly;
  private final Map<String, EntityRules> entityTypes;

  private record EntityRules(List<String> required, Map<String, AttributeType> types) {}

  private RuleSet(RuleSetSpec spec) {
    this.required = List.copyOf(spec.getRequired());
    this.types = Map.copyOf(spec.getTypes());
    this.entityTypeAttribute = spec.getEntityTypeAttribute();
    this.keyAttributes = List.copyOf(spec.getKeyAttributes());
    this.knownEntityTypesOnly = spec.isKnownEntityTypesOnly();
    Map<String, EntityRules> byType = new LinkedHashMap<>();
    spec.getEntityTypes()
        .forEach(
            (name, e) ->
                byType.put(
                    name, new EntityRules(List.copyOf(e.getRequired()), Map.copyOf(e.getTypes()))));
    this.entityTypes = Map.copyOf(byType);
  }

  /** The seed's rules: PK, SK and entityType present (and strings). */
  public static RuleSet defaults() {
    return new RuleSet(new RuleSetSpec());
  }

  public static RuleSet from(RuleSetSpec spec) {
    return new RuleSet(spec);
  }

  /**
   * Builds a rule set from flat properties, for callers without a binder. Keys (values are
   * comma-separated lists or type names): {@code required}, {@code types.<attr>},
   * {@code entity-type-attribute}, {@code key-attributes}, {@code known-entity-types-only},
   * {@code entity-types.<Type>.required}, {@code entity-types.<Type>.types.<attr>}. Keys not given
   * keep the defaults.
   */
  public static RuleSet fromProperties(Map<String, String> properties) {
    RuleSetSpec spec = new RuleSetSpec();
    Map<String, AttributeType> types = null;
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String key = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue().trim();
      if (key.equals("required")) {
        spec.setRequired(list(value));
      } else if (key.startsWith("types.")) {
        if (types == null) {
          types = new LinkedHashMap<>();
          spec.setTypes(types);
        }
        types.put(key.substring("types.".length()), type(value));
      } else if (key.equals("entity-type-attribute")) {
        spec.setEntityTypeAttribute(value);
      } else if (key.equals("key-attributes")) {
        spec.setKeyAttributes(list(value));
      } else if (key.equals("known-entity-types-only")) {
        spec.setKnownEntityTypesOnly(Boolean.parseBoolean(value));
      } else if (key.startsWith("entity-types.")) {
        String rest = key.substring("entity-types.".length());
        int dot = rest.indexOf('.');
        // no type name ("entity-types..required") is a typo, not a rule for a type called ""
        if (dot <= 0) {
          throw new IllegalArgumentException("unknown rule property " + key);
        }
        RuleSetSpec.EntityTypeSpec entity =
            spec.getEntityTypes()
                .computeIfAbsent(rest.substring(0, dot), t -> new RuleSetSpec.EntityTypeSpec());
        String what = rest.substring(dot + 1);
        if (what.equals("required")) {
          entity.setRequired(list(value));
        } else if (what.startsWith("types.")) {
          entity.getTypes().put(what.substring("types.".length()), type(value));
        } else {
          throw new IllegalArgumentException("unknown rule property " + key);
        }
      } else {
        throw new IllegalArgumentException("unknown rule property " + key);
      }
    }
    return new RuleSet(spec);
  }

  /** Every rule the item breaks, in a stable order; empty when it is valid. */
  public List<Violation> evaluate(ItemView item) {
    List<Violation> out = null;
    for (String attribute : required) {
      if (!present(item, attribute)) {
        out = add(out, new Violation(Violation.Kind.MISSING_ATTRIBUTE, null, attribute, null));
      }
    }
    for (Map.Entry<String, AttributeType> t : types.entrySet()) {
      if (wrongType(item, t.getKey(), t.getValue())) {
        out = add(out, new Violation(Violation.Kind.WRONG_TYPE, null, t.getKey(), t.getValue()));
      }
    }
    String entityType =
        item.typeOf(entityTypeAttribute) == AttributeType.S
            ? item.scalar(entityTypeAttribute)
            : null;
    if (entityType != null && !entityType.isEmpty()) {
      EntityRules rules = entityTypes.get(entityType);
      if (rules == null) {
        if (knownEntityTypesOnly) {
          out =
              add(
                  out,
                  new Violation(
                      Violation.Kind.UNKNOWN_ENTITY_TYPE, null, entityTypeAttribute, null));
        }
      } else {
        for (String attribute : rules.required()) {
          if (!present(item, attribute)) {
            out =
                add(
                    out,
                    new Violation(Violation.Kind.MISSING_ATTRIBUTE, entityType, attribute, null));
          }
        }
        for (Map.Entry<String, AttributeType> t : rules.types().entrySet()) {
          if (wrongType(item, t.getKey(), t.getValue())) {
            out =
                add(
                    out,
                    new Violation(Violation.Kind.WRONG_TYPE, entityType, t.getKey(), t.getValue()));
          }
        }
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * The item's name in reports: its key attributes only ({@code PK=EMPLOYEE#1|SK=PROFILE}), never
   * other attribute values; an absent key attribute shows as {@code PK=<missing>}.
   */
  public String keyOf(ItemView item) {
    StringBuilder sb = new StringBuilder();
    for (String attribute : keyAttributes) {
      if (!sb.isEmpty()) {
        sb.append('|');
      }
      String value = item.scalar(attribute);
      AttributeType type = item.typeOf(attribute);
      sb.append(attribute).append('=');
      if (value != null) {
        sb.append(value);
      } else if (type == null) {
        sb.append("<missing>");
      } else {
        sb.append('<').append(type).append('>');
      }
    }
    return sb.toString();
  }

  public List<String> keyAttributes() {
    return keyAttributes;
  }

  public String entityTypeAttribute() {
    return entityTypeAttribute;
  }

  private static boolean present(ItemView item, String attribute) {
    AttributeType type = item.typeOf(attribute);
    if (type == null || type == AttributeType.NULL) {
      return false;
    }
    String value = type == AttributeType.S ? item.scalar(attribute) : null;
    return value == null || !value.isEmpty();
  }

  private static boolean wrongType(ItemView item, String attribute, AttributeType expected) {
    AttributeType actual = item.typeOf(attribute);
    return actual != null && actual != AttributeType.NULL && actual != expected;
  }

  private static List<Violation> add(List<Violation> list, Violation v) {
    List<Violation> l = list == null ? new ArrayList<>(2) : list;
    l.add(v);
    return l;
  }

  private static List<String> list(String value) {
    return value.isEmpty()
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static AttributeType type(String value) {
    return AttributeType.valueOf(value.toUpperCase(Locale.ROOT));
  }
}
