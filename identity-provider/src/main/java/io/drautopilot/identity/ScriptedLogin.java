package io.drautopilot.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's login without a browser, over real HTTP: the pages a person would open, the login form a person
 * would fill in (with its CSRF token), the code a person would type. The drill approves steps "as a person
 * would" with it, and tests use it to finish the logins drctl and the console start.
 *
 * <p>One instance is one browser: its cookies (the provider's session) are kept between calls, so a second
 * approval by the same person does not log in again. Not thread-safe; give each person their own.
 *
 * <pre>{@code
 * ScriptedLogin login = new ScriptedLogin(URI.create("http://localhost:8087"));
 * ScriptedLogin.Tokens tokens = login.deviceLogin("drctl", "oncall", password);   // what drctl login gets
 * }</pre>
 */
public final class ScriptedLogin {

  /** What the token endpoint answered; {@code refreshToken} and {@code idToken} may be null. */
  public record Tokens(
      String accessToken, String refreshToken, String idToken, long expiresInSeconds) {
    @Override
    public String toString() {
      return "Tokens[expiresIn="
          + expiresInSeconds
          + "s, refresh="
          + (refreshToken != null)
          + ", id="
          + (idToken != null)
          + "]";
    }
  }

  /** A device authorization response (RFC 8628 §3.2). */
  public record DeviceAuthorization(
      String deviceCode,
      String userCode,
      URI verificationUri,
      URI verificationUriComplete,
      long intervalSeconds,
      long expiresInSeconds) {}

  /** The provider said no: a wrong password, an unknown or expired code, a refused grant. */
  public static final class LoginRefusedException extends RuntimeException {
    LoginRefusedException(String message) {
      super(message);
    }
  }

  /**
   * What drctl asks for with the device grant. Not {@code openid}: the device grant issues no ID token (Spring
   * Authorization Server refuses the scope there); the access token carries the name and roles.
   */
  public static final String DEVICE_SCOPE = "profile";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern FORM =
      Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern INPUT =
      Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final int MAX_REDIRECTS = 10;

  /** Where the provider sends a person whose code it accepted (its ActivationController). */
  private static final String ACTIVATED = "/activated";

  private final URI issuer;
  private final Duration timeout;
  private final HttpClient http;
  private JsonNode discovery;

  public ScriptedLogin(URI issuer) {
    this(issuer, Duration.ofSeconds(15));
  }

  public ScriptedLogin(URI issuer, Duration timeout) {
    this.issuer = issuer;
    this.timeout = timeout;
    // redirects are followed by hand: the last one of an authorization code login goes to the
    // client, not here
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();
  }

  /** The whole device grant: drctl's request, the person's approval, drctl's polling. */
  public Tokens deviceLogin(String clientId, String username, String password) {
    DeviceAuthorization device = requestDeviceCode(clientId, DEVICE_SCOPE);
    approveDevice(device.verificationUri(), device.userCode(), username, password);
    return pollForTokens(clientId, device, Duration.ofSeconds(device.expiresInSeconds()));
  }

  /** What drctl does first: a device code for {@code clientId} (a public client). */
  public DeviceAuthorization requestDeviceCode(String clientId, String scope) {
    HttpResponse<String> r =
        post(
            endpoint("device_authorization_endpoint"),
            Map.of("client_id", clientId, "scope", scope),
            null);
    JsonNode body = jsonOrRefusal(r, "device authorization for " + clientId);
    return new DeviceAuthorization(
        body.path("device_code").asString(""),
        body.path("user_code").asString(""),
        URI.create(body.path("verification_uri").asString("")),
        body.hasNonNull("verification_uri_complete")
            ? URI.create(body.path("verification_uri_complete").asString(""))
            : null,
        body.path("interval").asLong(5),
        body.path("expires_in").asLong(300));
  }

  /**
   * What the person does in a browser: open the verification page, log in if asked, enter the code.
   *
   * @throws LoginRefusedException when the password or the code is refused
   */
  public void approveDevice(
      URI verificationUri, String userCode, String username, String password) {
    Page page = loggedIn(open(verificationUri), username, password);
    Page done = submit(page, "user_code", Map.of("user_code", userCode));
    if (done.status() != 200 || !done.uri().getPath().endsWith(ACTIVATED)) {
      throw new LoginRefusedException(
          "the code " + userCode + " was refused (" + done.status() + " at " + done.uri() + ")");
    }
  }

  /** What drctl does while the person approves: poll the token endpoint, honouring {@code slow_down}. */
  public Tokens pollForTokens(String clientId, DeviceAuthorization device, Duration patience) {
    Instant giveUp = Instant.now().plus(patience);
    long interval = Math.max(1, device.intervalSeconds());
    while (true) {
      HttpResponse<String> r =
          post(
              endpoint("token_endpoint"),
              Map.of(
                  "grant_type",
                  "urn:ietf:params:oauth:grant-type:device_code",
                  "device_code",
                  device.deviceCode(),
                  "client_id",
                  clientId),
              null);
      if (r.statusCode() == 200) {
        return tokens(json(r.body()));
      }
      String error = json(r.body()).path("error").asString("");
      if (error.equals("slow_down")) {
        interval += 5;
      } else if (!error.equals("authorization_pending")) {
        throw new LoginRefusedException("the device code was refused: " + describe(r));
      }
      if (Instant.now().plusSeconds(interval).isAfter(giveUp)) {
        throw new LoginRefusedException(
            "nobody approved the device code within " + patience.toSeconds() + "s");
      }
      sleep(Duration.ofSeconds(interval));
    }
  }

  /**
   * The console's login, as the browser and the console together do it: authorization code with PKCE as the
   * confidential client {@code clientId}. The code is taken from the redirect to {@code redirectUri}, which
   * need not be listening.
   */
  public Tokens authorizationCodeLogin(
      String clientId, String clientSecret, URI redirectUri, String username, String password) {
    String verifier = randomToken(48);
    String state = randomToken(16);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUri.toString());
    query.put("scope", "openid profile");
    query.put("state", state);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    URI authorize = URI.create(endpoint("authorization_endpoint") + "?" + form(query));
    Page page = open(authorize, redirectUri);
    if (!page.uri().toString().startsWith(redirectUri.toString())) {
      page = submitLogin(page, username, password, redirectUri);
    }
    Map<String, String> answer = queryOf(page.uri());
    if (!state.equals(answer.get("state")) || answer.get("code") == null) {
      throw new LoginRefusedException("the authorization was refused: " + page.uri().getRawQuery());
    }
    Map<String, String> exchange = new LinkedHashMap<>();
    exchange.put("grant_type", "authorization_code");
    exchange.put("code", answer.get("code"));
    exchange.put("redirect_uri", redirectUri.toString());
    exchange.put("code_verifier", verifier);
    HttpResponse<String> r =
        post(endpoint("token_endpoint"), exchange, basic(clientId, clientSecret));
    return tokens(jsonOrRefusal(r, "the code exchange for " + clientId));
  }

  /** A script's token: client credentials as {@code clientId}. */
  public Tokens clientCredentials(String clientId, String clientSecret) {
    HttpResponse<String> r =
        post(
            endpoint("token_endpoint"),
            Map.of("grant_type", "client_credentials"),
            basic(clientId, clientSecret));
    return tokens(jsonOrRefusal(r, "client credentials for " + clientId));
  }

  // ---- pages and forms

  private record Page(URI uri, int status, String body) {}

  private Page loggedIn(Page page, String username, String password) {
    return hasForm(page, "password") ? submitLogin(page, username, password, null) : page;
  }

  private Page submitLogin(Page page, String username, String password, URI stopAt) {
    if (!hasForm(page, "password")) {
      throw new IllegalStateException(
          "expected the login form at " + page.uri() + " (" + page.status() + ")");
    }
    Page after =
        submit(page, "password", Map.of("username", username, "password", password), stopAt);
    if (after.uri().getPath().equals("/login")
        && after.uri().getRawQuery() != null
        && after.uri().getRawQuery().contains("error")) {
      throw new LoginRefusedException("the login of " + username + " was refused");
    }
    return after;
  }

  private static boolean hasForm(Page page, String field) {
    return page.status() == 200 && findForm(page.body(), field) != null;
  }

  private Page submit(Page page, String field, Map<String, String> values) {
    return submit(page, field, values, null);
  }

  /** Fills in the form that has {@code field}: its hidden inputs (the CSRF token) as the page gave them. */
  private Page submit(Page page, String field, Map<String, String> values, URI stopAt) {
    String[] form = findForm(page.body(), field);
    if (form == null) {
      throw new IllegalStateException("no form with " + field + " at " + page.uri());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(form[1]);
    while (input.find()) {
      String name = attribute(input.group(1), "name");
      if (name != null && "hidden".equalsIgnoreCase(attribute(input.group(1), "type"))) {
        fields.put(name, unescape(attribute(input.group(1), "value")));
      }
    }
    fields.putAll(values);
    String action = attribute(form[0], "action");
    URI target =
        page.uri()
            .resolve(action == null || action.isEmpty() ? page.uri().getPath() : unescape(action));
    return follow(
        send(
            HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))),
        target,
        stopAt);
  }

  private Page open(URI uri) {
    return open(uri, null);
  }

  private Page open(URI uri, URI stopAt) {
    return follow(send(HttpRequest.newBuilder(uri).GET()), uri, stopAt);
  }

  private Page follow(HttpResponse<String> response, URI from, URI stopAt) {
    URI at = from;
    HttpResponse<String> r = response;
    for (int i = 0; i <= MAX_REDIRECTS; i++) {
      if (r.statusCode() < 300
          || r.statusCode() >= 400
          || r.headers().firstValue("Location").isEmpty()) {
        return new Page(at, r.statusCode(), r.body());
      }
      at = at.resolve(r.headers().firstValue("Location").get());
      if (stopAt != null && at.toString().startsWith(stopAt.toString())) {
        return new Page(at, r.statusCode(), "");
      }
      r = send(HttpRequest.newBuilder(at).GET());
    }
    throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects from " + from);
  }

  /** {attributes of the form tag, its content} of the first form with an input named {@code field}. */
  private static String[] findForm(String html, String field) {
    Matcher m = FORM.matcher(html == null ? "" : html);
    while (m.find()) {
      Matcher input = INPUT.matcher(m.group(2));
      while (input.find()) {
        if (field.equals(attribute(input.group(1), "name"))) {
          return new String[] {m.group(1), m.group(2)};
        }
      }
    }
    return null;
  }

  private static String attribute(String attributes, String name) {
    Matcher m =
        Pattern.compile(
                "(?:^|\\s)" + name + "\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
                Pattern.CASE_INSENSITIVE)
            .matcher(attributes);
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
  }

  private static String unescape(String html) {
    return html == null
        ? ""
        : html.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
  }

  // ---- protocol

  private String endpoint(String name) {
    if (discovery == null) {
      URI uri =
          URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
      discovery = jsonOrRefusal(send(HttpRequest.newBuilder(uri).GET()), "the discovery document");
    }
    String value = discovery.path(name).asString(null);
    if (value == null) {
      throw new IllegalStateException("the provider at " + issuer + " publishes no " + name);
    }
    return value;
  }

  private HttpResponse<String> post(String uri, Map<String, String> fields, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach the identity provider at " + issuer + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + issuer, e);
    }
  }

  private static JsonNode jsonOrRefusal(HttpResponse<String> r, String what) {
    if (r.statusCode() != 200) {
      throw new LoginRefusedException(what + " was refused: " + describe(r));
    }
    return json(r.body());
  }

  private static String describe(HttpResponse<String> r) {
    JsonNode body = json(r.body());
    String error = body.path("error").asString("");
    String description = body.path("error_description").asString("");
    return r.statusCode()
        + (error.isEmpty() ? "" : " " + error)
        + (description.isEmpty() ? "" : ": " + description);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (RuntimeException notJson) {
      return JSON.createObjectNode();
    }
  }

  private static Tokens tokens(JsonNode body) {
    return new Tokens(
        body.path("access_token").asString(""),
        body.path("refresh_token").asString(null),
        body.path("id_token").asString(null),
        body.path("expires_in").asLong());
  }

  private static String basic(String clientId, String secret) {
    String pair =
        URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static Map<String, String> queryOf(URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String key =
            java.net.URLDecoder.decode(
                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        values.put(
            key,
            eq < 0
                ? ""
                : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the device approval", e);
    }
  }
}
