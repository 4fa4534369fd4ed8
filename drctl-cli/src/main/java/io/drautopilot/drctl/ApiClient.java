package io.drautopilot.drctl;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The orchestrator's REST API. Only ever sends {@code Authorization: Bearer <token>}: the token's
 * kind (today an HMAC JWT, later an OIDC access token) is the API's business, not drctl's.
 * A refusal is turned into the API's own reason (RFC 9457 {@code detail}, or the
 * {@code WWW-Authenticate} error description for a refused token).
 */
public final class ApiClient {

  private static final Pattern ERROR_DESCRIPTION =
      Pattern.compile("error_description=\"([^\"]*)\"");

  private final String base;
  private final Duration timeout;
  private final HttpClient http;

  public ApiClient(String base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Reading needs a token too: every request under /api does. */
  public JsonNode get(String path, String token) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token, path);
  }

  public JsonNode post(String path, Object body, String token) {
    String json;
    try {
      json = Output.JSON.writeValueAsString(body == null ? Map.of() : body);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        token,
        path);
  }

  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path) {
    try {
      return URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw DrctlException.usage("not a URL: " + base + path);
    }
  }

  private JsonNode send(HttpRequest.Builder request, String token, String path) {
    request.header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    String where = base + path;
    HttpResponse<String> response =
        HttpCalls.send(http, request, timeout, "the orchestrator API", where);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parse(response.body(), where);
    }
    String reason = reason(response);
    String refused =
        "the orchestrator API refused "
            + request.build().method()
            + " "
            + path
            + " ("
            + status
            + "): "
            + reason;
    if (status == 401) {
      throw new DrctlException(
          DrctlException.UNREACHABLE,
          "the orchestrator API at " + base + " refused the token (401): " + reason);
    }
    if (status == 400 || status == 404) {
      throw new DrctlException(DrctlException.USAGE, refused);
    }
    if (status == 403 || status == 409 || status == 413) {
      throw new DrctlException(DrctlException.NEGATIVE, refused);
    }
    throw new DrctlException(DrctlException.UNREACHABLE, refused);
  }

  private static JsonNode parse(String body, String where) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Output.JSON.readTree(body);
    } catch (JacksonException e) {
      throw DrctlException.unreachable(
          where + " did not answer with JSON (is --api the orchestrator?)", e);
    }
  }

  private static String reason(HttpResponse<String> response) {
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    Matcher m = ERROR_DESCRIPTION.matcher(challenge);
    if (m.find()) {
      return m.group(1);
    }
    try {
      JsonNode body = Output.JSON.readTree(response.body());
      for (String field : new String[] {"detail", "reason", "message", "error", "title"}) {
        if (body.hasNonNull(field) && !body.get(field).asString("").isBlank()) {
          String text = body.get(field).asString("");
          if (field.equals("reason") && body.hasNonNull("location")) {
            text =
                body.path("file").asString("")
                    + ": "
                    + body.get("location").asString("")
                    + ": "
                    + text;
          }
          return text;
        }
      }
    } catch (RuntimeException e) {
      // not JSON: fall through to the status alone
    }
    return response.statusCode() == 401 ? "no valid bearer token" : "no reason given";
  }
}
