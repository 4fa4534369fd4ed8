package io.drautopilot.drctl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.drautopilot.identity.IdentityProviderApplication;
import io.drautopilot.identity.ScriptedLogin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * drctl login and whoami against the real identity provider, started here with the drill's kind of users and
 * clients. The person's side of the device login (opening the page, logging in, typing the code) is done by
 * ScriptedLogin in a second thread, from what drctl printed.
 */
class LoginCommandTest {

  static final Pattern OPEN = Pattern.compile("open (\\S+) in a browser");
  static final Pattern CODE = Pattern.compile("shows the code (\\S+?)[ .]");

  static ConfigurableApplicationContext provider;
  static String issuer;

  @TempDir Path home;

  @BeforeAll
  static void startIdentityProvider() {
    provider =
        new SpringApplicationBuilder(IdentityProviderApplication.class)
            .bannerMode(Banner.Mode.OFF)
            .run(
                // the plain jars on this classpath carry their own application.yml: read none of
                // them
                "--spring.config.location=optional:classpath:/none.yml",
                "--server.port=0",
                "--dr.identity.users[0].username=oncall",
                "--dr.identity.users[0].password={noop}oncall-pw",
                "--dr.identity.users[0].roles=incident-responder",
                "--dr.identity.users[1].username=officer-a",
                "--dr.identity.users[1].password={noop}officer-a-pw",
                "--dr.identity.users[1].roles=security-officer",
                "--dr.identity.clients.automation.secret={noop}automation-secret",
                "--dr.identity.clients.automation.roles=incident-responder");
    issuer = "http://localhost:" + provider.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stopIdentityProvider() {
    provider.close();
  }

  @Test
  void shouldSaveTheTokenOwnerOnlyWhenThePersonApprovesTheDeviceLogin() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> person =
        CompletableFuture.runAsync(() -> approveWhenAsked(out, "oncall", "oncall-pw"));

    int exit =
        Drctl.execute(
            env(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err,
            "login",
            "--issuer",
            issuer);

    person.get(30, TimeUnit.SECONDS);
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Logged in as oncall (incident-responder)");
    Path tokenFile = home.resolve(".config/drctl/token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    JsonNode saved = Output.JSON.readTree(tokenFile.toFile());
    assertThat(saved.path("refresh_token").asString()).isNotBlank();
    assertThat(saved.path("issuer").asString()).isEqualTo(issuer);
    assertThat(
            StoredLogin.claims(saved.path("access_token").asString())
                .path("preferred_username")
                .asString())
        .isEqualTo("oncall");
  }

  @Test
  void shouldShowTheNameRolesAndExpiryOfTheSavedToken() {
    ScriptedLogin.Tokens tokens =
        new ScriptedLogin(URI.create(issuer)).deviceLogin("drctl", "officer-a", "officer-a-pw");
    Instant expires = Instant.now().plusSeconds(tokens.expiresInSeconds());
    save(
        new StoredLogin(
            issuer,
            "drctl",
            StoredLogin.DEVICE,
            issuer + "/oauth2/token",
            tokens.accessToken(),
            tokens.refreshToken(),
            expires));

    Cli.Result r = cli().run("whoami");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("officer-a\n")
        .contains("roles:    security-officer")
        .contains("expires:  " + expires)
        .contains("issuer:   " + issuer);
  }

  @Test
  void shouldLogInAsTheAutomationClientWithTheSecretFromTheEnvironment() {
    Cli.Result login =
        cli()
            .env("DRCTL_CLIENT_SECRET", "automation-secret")
            .run(
                "login",
                "--issuer",
                issuer,
                "--client-credentials",
                "--client-id",
                "dr-automation");
    Cli.Result whoami = cli().run("whoami", "-o", "json");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.out()).contains("Logged in as dr-automation (incident-responder)");
    assertThat(whoami.out())
        .contains("\"name\" : \"dr-automation\"")
        .contains("\"roles\" : [ \"incident-responder\" ]")
        .contains("\"expired\" : false");
  }

  @Test
  void shouldRefuseClientCredentialsWhenTheSecretIsNotInTheEnvironment() {
    Cli.Result r = cli().run("login", "--issuer", issuer, "--client-credentials");

    assertThat(r.exitCode()).isEqualTo(DrctlException.USAGE);
    assertThat(r.err()).contains("DRCTL_CLIENT_SECRET");
    assertThat(home.resolve(".config/drctl/token")).doesNotExist();
  }

  @Test
  void shouldExitThreeWhenTheClientSecretIsWrong() {
    Cli.Result r =
        cli()
            .env("DRCTL_CLIENT_SECRET", "guess")
            .run("login", "--issuer", issuer, "--client-credentials");

    assertThat(r.exitCode()).isEqualTo(DrctlException.UNREACHABLE);
    assertThat(r.err())
        .contains("refused client credentials for dr-automation (401): invalid_client");
  }

  @Test
  void shouldStopBeforeTheApiWhenTheSavedTokenExpiredAndCannotBeRenewed() {
    Instant expired = Instant.parse("2026-01-01T00:00:00Z");
    save(
        new StoredLogin(
            issuer, "drctl", StoredLogin.DEVICE, issuer + "/oauth2/token", "a.b.c", null, expired));

    Cli.Result api = cli().run("ack", "inc-1", "--api", "http://127.0.0.1:1");
    Cli.Result whoami = cli().run("whoami");

    assertThat(api.exitCode()).isEqualTo(DrctlException.UNREACHABLE);
    assertThat(api.err()).contains("token expired at 2026-01-01T00:00:00Z: run drctl login");
    assertThat(whoami.exitCode()).isEqualTo(DrctlException.NEGATIVE);
    assertThat(whoami.out()).contains("expired: run drctl login");
  }

  @Test
  void shouldRenewAnExpiredTokenWithTheRefreshTokenBeforeCallingTheApi() throws Exception {
    ScriptedLogin.Tokens tokens =
        new ScriptedLogin(URI.create(issuer)).deviceLogin("drctl", "oncall", "oncall-pw");
    save(
        new StoredLogin(
            issuer,
            "drctl",
            StoredLogin.DEVICE,
            issuer + "/oauth2/token",
            tokens.accessToken(),
            tokens.refreshToken(),
            Instant.now().minusSeconds(60)));
    WireMockServer api = new WireMockServer(options().dynamicPort());
    api.start();
    try {
      api.stubFor(
          post(urlEqualTo("/api/incidents/inc-1/acknowledge"))
              .willReturn(
                  aResponse()
                      .withStatus(202)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"eventId\":\"e-1\",\"topic\":\"dr.operator.actions\"}")));

      Cli.Result r = cli().run("ack", "inc-1", "--api", api.baseUrl());

      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode saved = Output.JSON.readTree(home.resolve(".config/drctl/token").toFile());
      String renewed = saved.path("access_token").asString();
      assertThat(renewed).isNotEqualTo(tokens.accessToken());
      assertThat(Instant.parse(saved.path("expires_at").asString())).isAfter(Instant.now());
      api.verify(
          postRequestedFor(urlEqualTo("/api/incidents/inc-1/acknowledge"))
              .withHeader("Authorization", matching("Bearer " + Pattern.quote(renewed))));
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(home.resolve(".config/drctl/token"))))
          .isEqualTo("rw-------");
    } finally {
      api.stop();
    }
  }

  /** The person: waits for drctl's instructions, then opens the page, logs in and types the code. */
  private static void approveWhenAsked(
      ByteArrayOutputStream out, String username, String password) {
    long giveUp = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < giveUp) {
      String printed = out.toString(StandardCharsets.UTF_8);
      Matcher open = OPEN.matcher(printed);
      Matcher code = CODE.matcher(printed);
      if (open.find() && code.find()) {
        new ScriptedLogin(URI.create(issuer))
            .approveDevice(URI.create(open.group(1)), code.group(1), username, password);
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("drctl printed no verification URI and code");
  }

  private void save(StoredLogin login) {
    login.write(home.resolve(".config/drctl/token"));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    return env;
  }

  private Cli cli() {
    return new Cli(home);
  }
}
