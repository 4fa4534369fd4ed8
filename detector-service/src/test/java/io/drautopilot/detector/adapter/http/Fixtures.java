package io.drautopilot.detector.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fixtures copied from public formats (each names its source in {@code _source}), read without that note so what
 * the detector sees is the format itself.
 */
public final class Fixtures {

  static final JsonMapper JSON = JsonMapper.builder().build();

  public static ObjectNode read(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      ObjectNode node =
          (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      node.remove("_source");
      return node;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(JsonNode node) {
    return JSON.writeValueAsString(node);
  }

  private Fixtures() {}
}
