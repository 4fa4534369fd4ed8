package io.drautopilot.restore.adapter.cache;

/** How a cache endpoint is shown in messages: without credentials, query or fragment. */
public final class CacheEndpoints {

  private CacheEndpoints() {}

  /**
   * The endpoint with anything before an {@code @} of its authority (user info, a password) and its
   * query and fragment replaced by {@code ***}: {@code redis://:secret@cache:6379?x=y} is shown as
   * {@code redis://***@cache:6379?***}.
   */
  public static String redact(String endpoint) {
    if (endpoint == null) {
      return null;
    }
    String shown = endpoint;
    int at = shown.lastIndexOf('@');
    if (at >= 0) {
      int start = shown.indexOf("://");
      String prefix = start >= 0 && start < at ? shown.substring(0, start + 3) : "";
      shown = prefix + "***" + shown.substring(at);
    }
    int query = indexOfQueryOrFragment(shown);
    return query < 0 ? shown : shown.substring(0, query + 1) + "***";
  }

  private static int indexOfQueryOrFragment(String s) {
    int q = s.indexOf('?');
    int f = s.indexOf('#');
    return q < 0 ? f : f < 0 ? q : Math.min(q, f);
  }
}
