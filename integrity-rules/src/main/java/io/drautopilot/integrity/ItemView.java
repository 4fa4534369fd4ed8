package io.drautopilot.integrity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rules may see of one item: which attributes it has, of which type, and the value of its
 * string and number attributes (needed for the entity type and the key). Neutral on purpose, so the
 * rules do not depend on an SDK; {@link io.drautopilot.integrity.dynamodb.DynamoDbItems#view} adapts
 * an SDK item.
 */
public interface ItemView {

  /** The attribute's type, or null when the item does not have it. */
  AttributeType typeOf(String attribute);

  /** The value of a string or number attribute, or null (absent or another type). */
  String scalar(String attribute);

  static Builder builder() {
    return new Builder();
  }

  /** Builds an in-memory view, e.g. for tests or a JSON source. */
  final class Builder {
    private final Map<String, AttributeType> types = new LinkedHashMap<>();
    private final Map<String, String> scalars = new LinkedHashMap<>();

    public Builder s(String attribute, String value) {
      types.put(attribute, AttributeType.S);
      scalars.put(attribute, value);
      return this;
    }

    public Builder n(String attribute, String value) {
      types.put(attribute, AttributeType.N);
      scalars.put(attribute, value);
      return this;
    }

    /** An attribute of a non-scalar type (or a scalar whose value does not matter). */
    public Builder attribute(String attribute, AttributeType type) {
      types.put(attribute, type);
      scalars.remove(attribute);
      return this;
    }

    public ItemView build() {
      Map<String, AttributeType> t = Map.copyOf(types);
      Map<String, String> s = Map.copyOf(scalars);
      return new ItemView() {
        @Override
        public AttributeType typeOf(String attribute) {
          return t.get(attribute);
        }

        @Override
        public String scalar(String attribute) {
          return s.get(attribute);
        }
      };
    }
  }
}
