package io.drautopilot.validation.adapter.snapshot;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/** Reads DynamoDB JSON (the AWS export format: {@code {"S": "x"}}, numbers as strings, binary as base64). */
public final class DynamoDbJson {

  private DynamoDbJson() {}

  public static Map<String, AttributeValue> item(JsonNode object) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      item.put(e.getKey(), value(e.getValue()));
    }
    return item;
  }

  static AttributeValue value(JsonNode typed) {
    if (typed == null || !typed.isObject() || typed.size() != 1) {
      throw new IllegalArgumentException("not a DynamoDB JSON value");
    }
    Map.Entry<String, JsonNode> e = typed.properties().iterator().next();
    JsonNode v = e.getValue();
    return switch (e.getKey()) {
      case "S" -> AttributeValue.fromS(v.asString());
      case "N" -> AttributeValue.fromN(v.asString());
      case "B" ->
          AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asString())));
      case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "M" -> AttributeValue.fromM(item(v));
      case "L" -> {
        List<AttributeValue> l = new ArrayList<>(v.size());
        v.values().forEach(x -> l.add(value(x)));
        yield AttributeValue.fromL(l);
      }
      case "SS" -> AttributeValue.fromSs(strings(v));
      case "NS" -> AttributeValue.fromNs(strings(v));
      case "BS" -> {
        List<SdkBytes> l = new ArrayList<>(v.size());
        v.values()
            .forEach(x -> l.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.asString()))));
        yield AttributeValue.fromBs(l);
      }
      default -> throw new IllegalArgumentException("unknown DynamoDB JSON type " + e.getKey());
    };
  }

  private static List<String> strings(JsonNode array) {
    List<String> l = new ArrayList<>(array.size());
    array.values().forEach(x -> l.add(x.asString()));
    return l;
  }
}
