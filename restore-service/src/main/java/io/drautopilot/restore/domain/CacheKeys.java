package io.drautopilot.restore.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cache key of an item and where it is stored: the key is the item's partition key value, then
 * {@code |} and its sort key value when the table has one (S as is, N as its decimal text, B in
 * base64). An HTTP cache gets it at the URL {@code <endpoint>/<cacheType>/<key>}, URL-encoded as one
 * path segment (a space is {@code %20}, {@code #} is {@code %23}, {@code /} is {@code %2F}); Redis
 * under the key {@code <cacheType>:<key>}, as is.
 */
public final class CacheKeys {

  private CacheKeys() {}

  /** @param rangeKey the sort key attribute, or null when the table has none */
  public static String keyOf(Map<String, AttributeValue> item, String hashKey, String rangeKey) {
    String hash = scalar(item.get(hashKey), hashKey);
    return rangeKey == null ? hash : hash + "|" + scalar(item.get(rangeKey), rangeKey);
  }

  public static String url(String endpoint, String cacheType, String key) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return base + "/" + segment(cacheType) + "/" + segment(key);
  }

  /** The Redis key: {@code <cacheType>:<key>}, not encoded ({@code user:EMPLOYEE#7|PROFILE}). */
  public static String redisKey(String cacheType, String key) {
    return cacheType + ":" + key;
  }

  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String scalar(AttributeValue v, String attribute) {
    if (v == null) {
      throw new IllegalArgumentException("item without its key attribute " + attribute);
    }
    return switch (v.type()) {
      case S -> v.s();
      case N -> v.n();
      case B -> Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe());
      default ->
          throw new IllegalArgumentException("key attribute " + attribute + " is not S, N or B");
    };
  }
}
