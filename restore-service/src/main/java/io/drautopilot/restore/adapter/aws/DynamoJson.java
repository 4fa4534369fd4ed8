package io.drautopilot.restore.adapter.aws;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * One item per line in DynamoDB JSON, the shape of AWS's DynamoDB export format:
 * {@code {"Item":{"PK":{"S":"EMPLOYEE#1"},"n":{"N":"3"}}}}. Streaming Jackson, no object tree, so a
 * line costs little more than the item itself.
 */
public final class DynamoJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private DynamoJson() {}

  public static String toLine(Map<String, AttributeValue> item) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("Item");
      writeMap(g, item);
      g.writeEndObject();
    }
    return out.toString();
  }

  public static Map<String, AttributeValue> fromLine(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "line");
      Map<String, AttributeValue> item = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if ("Item".equals(name)) {
          item = readMap(p);
        } else {
          p.skipChildren();
        }
      }
      if (item == null) {
        throw new IllegalArgumentException("no \"Item\" in the line");
      }
      return item;
    } catch (JacksonException e) {
      // item values stay out of messages: they may be personal data
      throw new IllegalArgumentException("not a DynamoDB JSON line: " + e.getMessage(), e);
    }
  }

  private static void writeMap(JsonGenerator g, Map<String, AttributeValue> map) {
    g.writeStartObject();
    for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
      g.writeName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, AttributeValue v) {
    g.writeStartObject();
    switch (v.type()) {
      case S -> g.writeStringProperty("S", v.s());
      case N -> g.writeStringProperty("N", v.n());
      case B ->
          g.writeStringProperty("B", Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe()));
      case BOOL -> g.writeBooleanProperty("BOOL", v.bool());
      case NUL -> g.writeBooleanProperty("NULL", true);
      case SS -> writeStrings(g, "SS", v.ss());
      case NS -> writeStrings(g, "NS", v.ns());
      case BS -> {
        g.writeArrayPropertyStart("BS");
        for (SdkBytes b : v.bs()) {
          g.writeString(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
        }
        g.writeEndArray();
      }
      case M -> {
        g.writeName("M");
        writeMap(g, v.m());
      }
      case L -> {
        g.writeArrayPropertyStart("L");
        for (AttributeValue element : v.l()) {
          writeValue(g, element);
        }
        g.writeEndArray();
      }
      default -> throw new IllegalArgumentException("unknown attribute value type: " + v);
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values) {
    g.writeArrayPropertyStart(field);
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  /** Reads a map whose START_OBJECT is the current token. */
  private static Map<String, AttributeValue> readMap(JsonParser p) {
    expect(p.currentToken(), JsonToken.START_OBJECT, "map");
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      map.put(name, readValue(p));
    }
    return map;
  }

  /** Reads one {"<type>": value} whose START_OBJECT is the current token. */
  private static AttributeValue readValue(JsonParser p) {
    expect(p.currentToken(), JsonToken.START_OBJECT, "attribute value");
    expect(p.nextToken(), JsonToken.PROPERTY_NAME, "attribute type");
    String type = p.currentName();
    p.nextToken();
    AttributeValue value =
        switch (type) {
          case "S" -> AttributeValue.fromS(p.getString());
          case "N" -> AttributeValue.fromN(p.getString());
          case "B" ->
              AttributeValue.fromB(
                  SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(p.getString())));
          case "BOOL" -> AttributeValue.fromBool(p.getBooleanValue());
          case "NULL" -> AttributeValue.fromNul(true);
          case "SS" -> AttributeValue.fromSs(readStrings(p));
          case "NS" -> AttributeValue.fromNs(readStrings(p));
          case "BS" ->
              AttributeValue.fromBs(
                  readStrings(p).stream()
                      .map(s -> SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(s)))
                      .toList());
          case "M" -> AttributeValue.fromM(readMap(p));
          case "L" -> {
            expect(p.currentToken(), JsonToken.START_ARRAY, "L");
            List<AttributeValue> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              list.add(readValue(p));
            }
            yield AttributeValue.fromL(list);
          }
          default -> throw new IllegalArgumentException("unknown DynamoDB JSON type " + type);
        };
    expect(p.nextToken(), JsonToken.END_OBJECT, "end of attribute value");
    return value;
  }

  private static List<String> readStrings(JsonParser p) {
    expect(p.currentToken(), JsonToken.START_ARRAY, "set");
    List<String> values = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      values.add(p.getString());
    }
    return values;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      // worded as a parse error is: the line is not DynamoDB JSON
      throw new IllegalArgumentException(
          "not a DynamoDB JSON line: expected "
              + expected
              + " at "
              + what
              + " but found "
              + actual);
    }
  }
}
