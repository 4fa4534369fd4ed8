package io.drautopilot.drctl;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The OpenID Connect provider, as drctl uses it: discovery, the device authorization grant (RFC 8628) for a
 * person, client credentials for a script, and the refresh token grant. Only standard endpoints and errors,
 * so any provider that offers the grants will do.
 */
public final class IdentityProvider {

  /** The device grant issues no ID token, so drctl asks for the profile only: the access token carries the roles. */
  public static final String SCOPE = "profile";

  /** How drctl waits between polls; tests make it instant. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** A device authorization response: what the person must open and type. */
  public record DeviceCode(
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      Duration interval,
      Instant expiresAt) {}

  /** A token response. */
  public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {}

  private final String issuer;
  private final Duration timeout;
  private final HttpClient http;
  private final Clock clock;
  private JsonNode discovery;

  public IdentityProvider(String issuer, Duration timeout, Clock clock) {
    this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public String issuer() {
    return issuer;
  }

  public String endpoint(String name) {
    if (discovery == null) {
      String where = issuer + "/.well-known/openid-configuration";
      HttpResponse<String> r = send(HttpRequest.newBuilder(uri(where)).GET(), where);
      if (r.statusCode() != 200) {
        throw new DrctlException(
            DrctlException.UNREACHABLE,
            "no OpenID Connect discovery document at "
                + where
                + " ("
                + r.statusCode()
                + "): is --issuer the identity provider?");
      }
      discovery = json(r.body(), where);
    }
    String value = discovery.path(name).asString(null);
    if (value == null) {
      throw new DrctlException(
          DrctlException.UNREACHABLE, "the identity provider at " + issuer + " offers no " + name);
    }
    return value;
  }

  public DeviceCode requestDeviceCode(String clientId) {
    String where = endpoint("device_authorization_endpoint");
    HttpResponse<String> r = post(where, Map.of("client_id", clientId, "scope", SCOPE), null);
    if (r.statusCode() != 200) {
      throw refused("the device authorization for client " + clientId, r);
    }
    JsonNode body = json(r.body(), where);
    return new DeviceCode(
        body.path("device_code").asString(""),
        body.path("user_code").asString(""),
        body.path("verification_uri").asString(""),
        body.path("verification_uri_complete").asString(null),
        Duration.ofSeconds(body.path("interval").asLong(5)),
        clock.instant().plusSeconds(body.path("expires_in").asLong(300)));
  }

  /**
   * Polls until the person approved or refused, the code expired, or the provider failed: {@code interval}
   * between polls, five seconds more after each {@code slow_down} (RFC 8628 §3.5).
   */
  public Tokens awaitApproval(String clientId, DeviceCode code, Sleeper sleeper) {
    String where = endpoint("token_endpoint");
    Duration interval = code.interval().isZero() ? Duration.ofSeconds(5) : code.interval();
    while (true) {
      HttpResponse<String> r =
          post(
              where,
              Map.of(
                  "grant_type",
                  "urn:ietf:params:oauth:grant-type:device_code",
                  "device_code",
                  code.deviceCode(),
                  "client_id",
                  clientId),
              null);
      if (r.statusCode() == 200) {
        return tokens(json(r.body(), where));
      }
      String error = json(r.body(), where).path("error").asString("");
      switch (error) {
        case "authorization_pending" -> {}
        case "slow_down" -> interval = interval.plusSeconds(5);
        case "access_denied" ->
            throw new DrctlException(
                DrctlException.NEGATIVE,
                "the login was denied at " + issuer + ": nothing was saved");
        case "expired_token" ->
            throw new DrctlException(
                DrctlException.NEGATIVE,
                "the code "
                    + code.userCode()
                    + " expired before it was approved: run drctl login again");
        default -> throw refused("the login", r);
      }
      if (clock.instant().plus(interval).isAfter(code.expiresAt())) {
        throw new DrctlException(
            DrctlException.NEGATIVE,
            "the code "
                + code.userCode()
                + " expired before it was approved: run drctl login again");
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DrctlException(
            DrctlException.NEGATIVE,
            "interrupted while waiting for the approval: nothing was saved");
      }
    }
  }

  public Tokens clientCredentials(String clientId, String secret) {
    String where = endpoint("token_endpoint");
    HttpResponse<String> r =
        post(where, Map.of("grant_type", "client_credentials"), basic(clientId, secret));
    if (r.statusCode() != 200) {
      throw refused("client credentials for " + clientId, r);
    }
    return tokens(json(r.body(), where));
  }

  /** A new access token for a stored login; a refusal (e.g. the provider restarted) asks for a new login. */
  static Tokens refresh(StoredLogin login, Duration timeout, Clock clock) {
    IdentityProvider provider = new IdentityProvider(login.issuer(), timeout, clock);
    String where =
        login.tokenEndpoint() == null ? provider.endpoint("token_endpoint") : login.tokenEndpoint();
    HttpResponse<String> r =
        provider.post(
            where,
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                login.refreshToken(),
                "client_id",
                login.clientId()),
            null);
    if (r.statusCode() != 200) {
      throw refused("the refresh token", r);
    }
    return provider.tokens(json(r.body(), where));
  }

  private Tokens tokens(JsonNode body) {
    long expiresIn = body.path("expires_in").asLong(0);
    return new Tokens(
        body.path("access_token").asString(""),
        body.path("refresh_token").asString(null),
        expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null);
  }

  private static DrctlException refused(String what, HttpResponse<String> r) {
    JsonNode body;
    try {
      body = Output.JSON.readTree(r.body() == null || r.body().isBlank() ? "{}" : r.body());
    } catch (JacksonException e) {
      body = MissingNode.getInstance();
    }
    String error = body.path("error").asString("");
    String description = body.path("error_description").asString("");
    String reason =
        error.isEmpty()
            ? "no reason given"
            : error + (description.isEmpty() ? "" : " (" + description + ")");
    int code =
        error.equals("invalid_client")
                || error.equals("unauthorized_client")
                || r.statusCode() >= 500
            ? DrctlException.UNREACHABLE
            : DrctlException.NEGATIVE;
    return new DrctlException(
        code, "the identity provider refused " + what + " (" + r.statusCode() + "): " + reason);
  }

  private HttpResponse<String> post(
      String where, Map<String, String> fields, String authorization) {
    StringJoiner form = new StringJoiner("&");
    new LinkedHashMap<>(fields).forEach((k, v) -> form.add(encode(k) + "=" + encode(v)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(where))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request, where);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String where) {
    return HttpCalls.send(http, request, timeout, "the identity provider", where);
  }

  private static URI uri(String where) {
    try {
      return URI.create(where);
    } catch (IllegalArgumentException e) {
      throw DrctlException.usage("not a URL: " + where);
    }
  }

  private static JsonNode json(String body, String where) {
    try {
      return Output.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (JacksonException e) {
      throw DrctlException.unreachable(
          where + " did not answer with JSON (is --issuer the identity provider?)", e);
    }
  }

  private static String basic(String clientId, String secret) {
    String pair = encode(clientId) + ":" + encode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
