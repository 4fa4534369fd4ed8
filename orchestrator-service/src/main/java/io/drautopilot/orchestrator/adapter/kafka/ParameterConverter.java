package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns a rendered runbook parameter (a string, a list or a map of strings) into the value the
 * command field's schema wants: string, int, long, double, boolean, enum symbol, timestamp-millis
 * from ISO-8601, array, map, or null for an empty value of a nullable field.
 */
final class ParameterConverter {

  private ParameterConverter() {}

  static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
  }

  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(t -> t.getType() != Schema.Type.NULL)
        .findFirst()
        .orElse(schema);
  }

  /** The problem with a literal value for this field, or null when it converts. */
  static String check(Schema schema, Object literal) {
    try {
      convert(schema, literal);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  static Object convert(Schema schema, Object value) {
    if (isNullable(schema)) {
      if (value == null || (value instanceof String s && s.isEmpty())) {
        return null;
      }
      return convert(nonNull(schema), value);
    }
    switch (schema.getType()) {
      case ARRAY -> {
        List<?> items =
            value instanceof List<?> l
                ? l
                : value == null || String.valueOf(value).isEmpty()
                    ? List.of()
                    : Arrays.stream(String.valueOf(value).split(",")).map(String::trim).toList();
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
          out.add(convert(schema.getElementType(), item));
        }
        return new GenericData.Array<>(schema, out);
      }
      case MAP -> {
        if (!(value instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException(
              "expected a mapping for a map field, got '" + value + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), convert(schema.getValueType(), v)));
        return out;
      }
      default -> {}
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      throw new IllegalArgumentException(
          "expected a single value for a " + schema.getType().getName() + " field, got " + value);
    }
    String text = value == null ? "" : String.valueOf(value);
    try {
      return switch (schema.getType()) {
        case STRING -> text;
        case INT -> Integer.parseInt(text.trim());
        case LONG ->
            schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                ? Instant.parse(text.trim())
                : (Object) Long.parseLong(text.trim());
        case DOUBLE -> Double.parseDouble(text.trim());
        case FLOAT -> Float.parseFloat(text.trim());
        case BOOLEAN -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("expected true or false, got '" + text + "'");
          }
          yield Boolean.parseBoolean(text);
        }
        case ENUM -> {
          if (!schema.getEnumSymbols().contains(text)) {
            throw new IllegalArgumentException(
                "'" + text + "' is not one of " + schema.getEnumSymbols());
          }
          yield EventCodec.GENERIC.createEnum(text, schema);
        }
        default ->
            throw new IllegalArgumentException(
                "a "
                    + schema.getType().getName()
                    + " field cannot be set from a runbook parameter");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a " + schema.getType().getName());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 instant (e.g. 2024-01-15T10:30:00Z)");
    }
  }
}
