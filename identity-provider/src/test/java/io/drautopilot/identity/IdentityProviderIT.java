package io.drautopilot.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider over real HTTP, as the services and drctl meet it: discovery, the JWKS, each first-party
 * client's grant, and the token contract ({@code roles}, {@code preferred_username}) checked on tokens
 * validated the way a resource server validates them (issuer discovery, RS256 against the JWKS).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "dr.identity.users[0].username=oncall",
      "dr.identity.users[0].password={noop}oncall-pw",
      "dr.identity.users[0].roles=incident-responder",
      "dr.identity.users[1].username=officer-a",
      "dr.identity.users[1].password={noop}officer-a-pw",
      "dr.identity.users[1].roles=security-officer,viewer",
      "dr.identity.users[2].username=officer-b",
      "dr.identity.users[2].password={bcrypt}$2a$04$XxiFs0TInJe..8ilxC5bSuW5UOhcGGht9g21m4sMddRY75MRbM2cO",
      "dr.identity.users[2].roles=security-officer",
      "dr.identity.users[3].username=watcher",
      "dr.identity.users[3].password={noop}watcher-pw",
      "dr.identity.users[3].roles=viewer",
      "dr.identity.clients.console.secret={noop}console-secret",
      "dr.identity.clients.console.redirect-uris=http://127.0.0.1:1/login/oauth2/code/dr-console",
      "dr.identity.clients.automation.secret={noop}automation-secret",
      "dr.identity.clients.automation.roles=incident-responder,runbook-author"
    })
class IdentityProviderIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  URI issuer;
  ScriptedLogin browser;

  @BeforeEach
  void setUp() {
    issuer = URI.create("http://localhost:" + port);
    browser = new ScriptedLogin(issuer);
  }

  @Test
  void shouldPublishTheDiscoveryDocumentWithTheDeviceGrantAndRs256() throws Exception {
    JsonNode discovery = getJson("/.well-known/openid-configuration");

    assertThat(discovery.path("issuer").asString("")).isEqualTo(issuer.toString());
    assertThat(discovery.path("device_authorization_endpoint").asString(""))
        .isEqualTo(issuer + "/oauth2/device_authorization");
    assertThat(discovery.path("jwks_uri").asString("")).isEqualTo(issuer + "/oauth2/jwks");
    assertThat(discovery.path("grant_types_supported").toString())
        .contains(
            "urn:ietf:params:oauth:grant-type:device_code",
            "client_credentials",
            "authorization_code");
    assertThat(discovery.path("id_token_signing_alg_values_supported").toString())
        .contains("RS256");
  }

  @Test
  void shouldPublishOneRs256SigningKeyInTheJwks() throws Exception {
    JsonNode jwks = getJson("/oauth2/jwks");

    assertThat(jwks.path("keys")).hasSize(1);
    JsonNode key = jwks.path("keys").get(0);
    assertThat(key.path("kty").asString("")).isEqualTo("RSA");
    assertThat(key.path("alg").asString("")).isEqualTo("RS256");
    assertThat(key.path("kid").asString("")).isNotBlank();
    assertThat(key.has("d")).as("the private part never leaves").isFalse();
  }

  @Test
  void shouldReportHealthWithoutALogin() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
  }

  @Test
  void shouldGiveAClientCredentialsTokenTheClientsConfiguredRoles() {
    ScriptedLogin.Tokens tokens = browser.clientCredentials("dr-automation", "automation-secret");

    Jwt jwt = decoder().decode(tokens.accessToken());
    assertThat(jwt.getClaimAsStringList("roles"))
        .containsExactly("incident-responder", "runbook-author");
    assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("dr-automation");
    assertThat(jwt.getSubject()).isEqualTo("dr-automation");
    assertThat(tokens.refreshToken()).isNull();
  }

  @Test
  void shouldRefuseClientCredentialsWithAWrongSecret() {
    assertThatThrownBy(() -> browser.clientCredentials("dr-automation", "guess"))
        .isInstanceOf(ScriptedLogin.LoginRefusedException.class)
        .hasMessageContaining("invalid_client");
  }

  @Test
  void shouldIssueThePersonsRolesAndNameWhenTheyApproveADeviceLogin() {
    ScriptedLogin.Tokens tokens = browser.deviceLogin("drctl", "officer-a", "officer-a-pw");

    Jwt jwt = decoder().decode(tokens.accessToken());
    assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
    assertThat(jwt.getIssuer().toString()).isEqualTo(issuer.toString());
    assertThat(jwt.getSubject()).isEqualTo("officer-a");
    assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("officer-a");
    assertThat(jwt.getClaimAsStringList("roles")).containsExactly("security-officer", "viewer");
    assertThat(tokens.refreshToken()).as("drctl refreshes without a new login").isNotBlank();
  }

  @Test
  void shouldCheckABcryptPasswordWhenAPersonLogsIn() {
    ScriptedLogin.Tokens tokens = browser.deviceLogin("drctl", "officer-b", "officer-b-pw");

    assertThat(decoder().decode(tokens.accessToken()).getClaimAsStringList("roles"))
        .containsExactly("security-officer");
  }

  @Test
  void shouldRefuseTheLoginAndIssueNoTokenWhenThePasswordIsWrong() {
    ScriptedLogin.DeviceAuthorization device =
        browser.requestDeviceCode("drctl", ScriptedLogin.DEVICE_SCOPE);

    assertThatThrownBy(
            () ->
                browser.approveDevice(
                    device.verificationUri(), device.userCode(), "oncall", "wrong"))
        .isInstanceOf(ScriptedLogin.LoginRefusedException.class)
        .hasMessageContaining("login of oncall was refused");
    assertThatThrownBy(
            () -> browser.pollForTokens("drctl", device, java.time.Duration.ofSeconds(1)))
        .isInstanceOf(ScriptedLogin.LoginRefusedException.class)
        .hasMessageContaining("nobody approved");
  }

  @Test
  void shouldNotApproveADeviceFromALinkThatBypassesTheActivationPage() {
    ScriptedLogin.DeviceAuthorization device =
        browser.requestDeviceCode("drctl", ScriptedLogin.DEVICE_SCOPE);
    URI link = URI.create(issuer + "/oauth2/device_verification?user_code=" + device.userCode());

    assertThatThrownBy(
            () -> browser.approveDevice(link, device.userCode(), "officer-a", "officer-a-pw"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> browser.pollForTokens("drctl", device, java.time.Duration.ofSeconds(1)))
        .isInstanceOf(ScriptedLogin.LoginRefusedException.class)
        .hasMessageContaining("nobody approved");
  }

  @Test
  void shouldRefuseAnUnknownUserCode() {
    browser.requestDeviceCode("drctl", ScriptedLogin.DEVICE_SCOPE);

    assertThatThrownBy(
            () ->
                browser.approveDevice(
                    URI.create(issuer + "/activate"), "WXYZ-WXYZ", "oncall", "oncall-pw"))
        .isInstanceOf(ScriptedLogin.LoginRefusedException.class)
        .hasMessageContaining("WXYZ-WXYZ");
  }

  @Test
  void shouldPutRolesInTheConsolesIdAndAccessTokensAfterACodeLoginWithPkce() {
    ScriptedLogin.Tokens tokens =
        browser.authorizationCodeLogin(
            "dr-console",
            "console-secret",
            URI.create("http://127.0.0.1:1/login/oauth2/code/dr-console"),
            "oncall",
            "oncall-pw");

    Jwt access = decoder().decode(tokens.accessToken());
    Jwt id = decoder().decode(tokens.idToken());
    assertThat(access.getClaimAsStringList("roles")).containsExactly("incident-responder");
    assertThat(access.getClaimAsString("preferred_username")).isEqualTo("oncall");
    assertThat(id.getClaimAsStringList("roles")).containsExactly("incident-responder");
    assertThat(id.getClaimAsString("preferred_username")).isEqualTo("oncall");
    assertThat(id.getAudience()).containsExactly("dr-console");
  }

  @Test
  void shouldRefreshAPublicClientsTokenWithItsIdAlone() throws Exception {
    ScriptedLogin.Tokens first = browser.deviceLogin("drctl", "watcher", "watcher-pw");

    HttpResponse<String> refreshed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=refresh_token&client_id=drctl&refresh_token="
                                + first.refreshToken()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    Jwt jwt = decoder().decode(JSON.readTree(refreshed.body()).path("access_token").asString(""));
    assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("watcher");
    assertThat(jwt.getClaimAsStringList("roles")).containsExactly("viewer");
  }

  @Test
  void shouldNotStartWhenAUsersRoleIsUnknownNamingTheField() {
    assertThatThrownBy(
            () ->
                start(
                    "dr.identity.users[0].username=someone",
                    "dr.identity.users[0].password={noop}x",
                    "dr.identity.users[0].roles=viewer,incident-commander"))
        .rootCause()
        .hasMessageContaining("dr.identity.users[0].roles[1]")
        .hasMessageContaining("incident-commander");
  }

  @Test
  void shouldNotStartWhenARoleIsListedTwiceNamingTheField() {
    assertThatThrownBy(
            () ->
                start(
                    "dr.identity.clients.automation.secret={noop}s",
                    "dr.identity.clients.automation.roles=viewer,viewer"))
        .rootCause()
        .hasMessageContaining("dr.identity.clients.automation.roles[1]")
        .hasMessageContaining("twice");
  }

  @Test
  void shouldNotStartWhenAPasswordHasNoEncoderPrefix() {
    assertThatThrownBy(
            () ->
                start(
                    "dr.identity.users[0].username=someone",
                    "dr.identity.users[0].password=plain",
                    "dr.identity.users[0].roles=viewer"))
        .rootCause()
        .hasMessageContaining("dr.identity.users[0].password");
  }

  private static void start(String... properties) {
    String[] args = java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
    SpringApplication app = new SpringApplication(IdentityProviderApplication.class);
    app.setDefaultProperties(java.util.Map.of("server.port", "0"));
    app.run(args).close();
  }

  private JwtDecoder decoder() {
    // as a resource server configured with the issuer: discovery, then RS256 against the JWKS, iss
    // checked
    return JwtDecoders.fromIssuerLocation(issuer.toString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(issuer + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
