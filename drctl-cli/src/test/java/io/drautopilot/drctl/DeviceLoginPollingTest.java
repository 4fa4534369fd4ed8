package io.drautopilot.drctl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device grant's polling rules (RFC 8628 §3.5) against WireMock answering as a provider would: the
 * interval kept, five seconds more after slow_down, and the ends a person can cause (denied, expired).
 */
class DeviceLoginPollingTest {

  WireMockServer idp;
  IdentityProvider provider;
  List<Duration> waits = new ArrayList<>();
  Instant now = Instant.parse("2026-12-03T10:00:00Z");

  /** Time passes only when drctl waits. */
  IdentityProvider.Sleeper sleeper =
      d -> {
        waits.add(d);
        now = now.plus(d);
      };

  @BeforeEach
  void start() {
    idp = new WireMockServer(options().dynamicPort());
    idp.start();
    idp.stubFor(
        get(urlEqualTo("/.well-known/openid-configuration"))
            .willReturn(
                okJson(
                    "{\"issuer\":\""
                        + idp.baseUrl()
                        + "\",\"token_endpoint\":\""
                        + idp.baseUrl()
                        + "/token\",\"device_authorization_endpoint\":\""
                        + idp.baseUrl()
                        + "/device\"}")));
    provider =
        new IdentityProvider(
            idp.baseUrl(),
            Duration.ofSeconds(5),
            new Clock() {
              @Override
              public ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return now;
              }
            });
  }

  @AfterEach
  void stop() {
    idp.stop();
  }

  @Test
  void shouldKeepTheIntervalAndSlowDownByFiveSecondsWhenAsked() {
    answer(Scenario.STARTED, "slow", error("authorization_pending"));
    answer("slow", "pending-again", error("slow_down"));
    answer("pending-again", "approved", error("authorization_pending"));
    answer(
        "approved",
        "approved",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"access_token\":\"a.b.c\",\"refresh_token\":\"r\",\"expires_in\":900,\"token_type\":\"Bearer\"}"));

    IdentityProvider.Tokens tokens =
        provider.awaitApproval("drctl", code(Duration.ofMinutes(5)), sleeper);

    assertThat(tokens.accessToken()).isEqualTo("a.b.c");
    assertThat(tokens.refreshToken()).isEqualTo("r");
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void shouldSayTheLoginWasDeniedWithExitOne() {
    answer(Scenario.STARTED, Scenario.STARTED, error("access_denied"));

    assertThatThrownBy(() -> provider.awaitApproval("drctl", code(Duration.ofMinutes(5)), sleeper))
        .isInstanceOfSatisfying(
            DrctlException.class, e -> assertThat(e.exitCode()).isEqualTo(DrctlException.NEGATIVE))
        .hasMessageContaining("the login was denied");
  }

  @Test
  void shouldSayTheCodeExpiredWithExitOne() {
    answer(Scenario.STARTED, Scenario.STARTED, error("expired_token"));

    assertThatThrownBy(() -> provider.awaitApproval("drctl", code(Duration.ofMinutes(5)), sleeper))
        .isInstanceOfSatisfying(
            DrctlException.class, e -> assertThat(e.exitCode()).isEqualTo(DrctlException.NEGATIVE))
        .hasMessageContaining(
            "the code WXYZ-WXYZ expired before it was approved: run drctl login again");
  }

  @Test
  void shouldStopPollingOnceTheCodeHasExpiredEvenIfTheProviderStillSaysPending() {
    answer(Scenario.STARTED, Scenario.STARTED, error("authorization_pending"));

    assertThatThrownBy(() -> provider.awaitApproval("drctl", code(Duration.ofSeconds(3)), sleeper))
        .isInstanceOfSatisfying(
            DrctlException.class, e -> assertThat(e.exitCode()).isEqualTo(DrctlException.NEGATIVE))
        .hasMessageContaining("expired before it was approved");
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  private IdentityProvider.DeviceCode code(Duration expiresIn) {
    return new IdentityProvider.DeviceCode(
        "device-1",
        "WXYZ-WXYZ",
        "http://idp/activate",
        null,
        Duration.ofSeconds(2),
        now.plus(expiresIn));
  }

  private void answer(
      String state,
      String next,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    idp.stubFor(
        post(urlEqualTo("/token"))
            .inScenario("polls")
            .whenScenarioStateIs(state)
            .willSetStateTo(next)
            .willReturn(response));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      String code) {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"" + code + "\"}");
  }
}
