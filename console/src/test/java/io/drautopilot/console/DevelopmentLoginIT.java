package io.drautopilot.console;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The development login, over plain HTTP: the form against {@code dr.console.users}, and the HS256 token
 * the console mints for the person with the issuer the orchestrator's development option accepts. And
 * the console that has neither this nor an identity provider, which does not start.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.console.development-login.enabled=true",
      "dr.console.orchestrator.hmac-secret=" + DevelopmentLoginIT.SECRET,
      "server.servlet.session.cookie.secure=false",
      "spring.autoconfigure.exclude=" + DevelopmentLoginIT.AUTHORIZATION_SERVER_AUTO_CONFIGURATION,
      "logging.level.org.apache.kafka=WARN",
      "logging.level.kafka=WARN"
    })
class DevelopmentLoginIT {

  static final String SECRET = "test-only-hmac-secret-of-at-least-32-bytes";
  // the identity provider's classes are on the test classpath; its auto-configuration is not the
  // console's
  static final String AUTHORIZATION_SERVER_AUTO_CONFIGURATION =
      "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
          + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration";
  private static final String PASSWORD = "correct horse battery staple";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final WireMockServer orchestrator = new WireMockServer(options().dynamicPort());

  @LocalServerPort int port;

  @DynamicPropertySource
  static void orchestratorAndPassword(DynamicPropertyRegistry registry) {
    if (!orchestrator.isRunning()) {
      orchestrator.start();
    }
    registry.add("dr.console.orchestrator.url", orchestrator::baseUrl);
    registry.add("dr.console.notifier.url", orchestrator::baseUrl);
    // a list is bound from one source: the whole person here, with the hash made for this run
    registry.add("dr.console.users[0].name", () -> "oncall");
    registry.add(
        "dr.console.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
    registry.add("dr.console.users[0].roles", () -> "incident-responder");
  }

  @AfterAll
  static void stopOrchestrator() {
    orchestrator.stop();
  }

  @Test
  void shouldMintAnHs256TokenInThePersonsNameWithTheDevelopmentIssuerWhenTheyLogInWithTheForm()
      throws Exception {
    orchestrator.stubFor(get(urlPathEqualTo("/api/runbooks")).willReturn(okJson("[]")));
    orchestrator.stubFor(
        post(urlPathEqualTo("/api/runbooks/validate"))
            .willReturn(
                okJson(
                    "{\"runbookId\":\"table-corruption\",\"version\":2,\"scenario\":\"TABLE_CORRUPTION\",\"commands\":[]}")));
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    HttpResponse<String> form =
        browser.send(
            HttpRequest.newBuilder(url("/incidents")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(form.body()).contains("Development login: not for production", "id=\"password\"");
    HttpResponse<String> in =
        browser.send(
            HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=oncall&password="
                            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                            + "&_csrf="
                            + csrf(form.body())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(in.body()).contains("Signed in as");

    HttpResponse<String> planned =
        browser.send(
            HttpRequest.newBuilder(url("/runbooks/table-corruption?severity=P2&region=eu-west-1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(planned.statusCode()).isEqualTo(200);

    var asked = orchestrator.findAll(postRequestedFor(urlPathEqualTo("/api/runbooks/validate")));
    assertThat(asked).hasSize(1);
    SignedJWT token =
        SignedJWT.parse(asked.get(0).getHeader("Authorization").substring("Bearer ".length()));
    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(token.getJWTClaimsSet().getIssuer())
        .as("dr.orchestrator.security.development-hmac.issuer")
        .isEqualTo("dr-console");
    assertThat(token.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("oncall");
    assertThat(token.getJWTClaimsSet().getStringListClaim("roles"))
        .containsExactly("incident-responder");
    assertThat(orchestrator.findAll(getRequestedFor(urlPathEqualTo("/api/runbooks"))))
        .as("the orchestrator's reads need a token too")
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).startsWith("Bearer "));
    assertThat(planned.body()).doesNotContain(SECRET).doesNotContain(token.serialize());
  }

  @Test
  void
      shouldNotStartNamingBothSettingsWhenNeitherTheIdentityProviderNorTheDevelopmentLoginIsConfigured() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(ConsoleApplication.class)
                    .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers="
                            + System.getProperty("spring.embedded.kafka.brokers"),
                        "--spring.autoconfigure.exclude=" + AUTHORIZATION_SERVER_AUTO_CONFIGURATION)
                    .close())
        .rootCause()
        .hasMessageContaining("dr.console.oidc.issuer-uri")
        .hasMessageContaining("dr.console.development-login.enabled=true");
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("the form carries a CSRF token").isTrue();
    return m.group(1);
  }
}
