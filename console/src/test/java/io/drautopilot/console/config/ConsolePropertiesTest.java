package io.drautopilot.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.GrantedAuthority;

/** Which login the console starts with, and how the provider's roles claim becomes the console's roles. */
class ConsolePropertiesTest {

  @Test
  void shouldRefuseToStartNamingBothSettingsWhenNoLoginIsConfigured() {
    assertThatThrownBy(() -> bind(Map.of()))
        .rootCause()
        .hasMessageContaining("dr.console.oidc.issuer-uri")
        .hasMessageContaining("dr.console.development-login.enabled");
  }

  @Test
  void shouldTreatABlankIssuerFromAnUnsetEnvironmentVariableAsNoIdentityProvider() {
    assertThatThrownBy(
            () ->
                bind(Map.of("dr.console.oidc.issuer-uri", "", "dr.console.oidc.client-secret", "")))
        .rootCause()
        .hasMessageContaining("no way to log in");
  }

  @Test
  void shouldRefuseToStartWhenBothTheIdentityProviderAndTheDevelopmentLoginAreConfigured() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "dr.console.oidc.issuer-uri",
                        "https://login.example.com/realms/dr",
                        "dr.console.oidc.client-secret",
                        "s",
                        "dr.console.development-login.enabled",
                        "true")))
        .rootCause()
        .hasMessageContaining("choose the identity provider, or the development login");
  }

  @Test
  void shouldRefuseToStartWithAnIdentityProviderButNoClientSecret() {
    assertThatThrownBy(
            () -> bind(Map.of("dr.console.oidc.issuer-uri", "https://login.example.com/realms/dr")))
        .rootCause()
        .hasMessageContaining("dr.console.oidc.client-secret is not set");
  }

  @Test
  void shouldRefuseTheDevelopmentLoginsUsersAndSecretAlongsideTheIdentityProvider() {
    Map<String, String> oidc =
        Map.of(
            "dr.console.oidc.issuer-uri",
            "https://login.example.com/realms/dr",
            "dr.console.oidc.client-secret",
            "s");
    Map<String, String> withUsers = new HashMap<>(oidc);
    withUsers.put("dr.console.users[0].name", "oncall");
    Map<String, String> withSecret = new HashMap<>(oidc);
    withSecret.put(
        "dr.console.orchestrator.hmac-secret", "test-only-hmac-secret-of-at-least-32-bytes");

    assertThatThrownBy(() -> bind(withUsers))
        .rootCause()
        .hasMessageContaining("dr.console.users is for the development login only");
    assertThatThrownBy(() -> bind(withSecret))
        .rootCause()
        .hasMessageContaining("hmac-secret is for the development login only");
  }

  @Test
  void shouldDefaultTheClientAndClaimsToTheSandboxProvidersWhenOnlyTheIssuerAndSecretAreGiven() {
    ConsoleProperties properties =
        bind(
            Map.of(
                "dr.console.oidc.issuer-uri",
                "https://login.example.com/realms/dr",
                "dr.console.oidc.client-secret",
                "the-client-secret"));

    assertThat(properties.oidc().clientId()).isEqualTo("dr-console");
    assertThat(properties.oidc().redirectUri())
        .isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
    assertThat(properties.oidc().scopes()).containsExactly("openid", "profile");
    assertThat(properties.oidc().rolesClaim()).isEqualTo("roles");
    assertThat(properties.oidc().nameClaim()).isEqualTo("preferred_username");
    assertThat(properties.toString())
        .as("the secret is never printed")
        .doesNotContain("the-client-secret");
  }

  @Test
  void shouldStartWithTheDevelopmentLoginWhenItIsEnabledExplicitly() {
    ConsoleProperties properties = bind(Map.of("dr.console.development-login.enabled", "true"));

    assertThat(properties.developmentLogin().enabled()).isTrue();
    assertThat(properties.orchestrator().issuer()).isEqualTo("dr-console");
  }

  @Test
  void shouldGiveTheConsolesRolesFromTheRolesClaimAndLeaveOutOthers() {
    assertThat(
            names(
                SecurityConfiguration.roleAuthorities(
                    List.of("security-officer", "viewer", "admin"))))
        .containsExactly("ROLE_security-officer", "ROLE_viewer");
    assertThat(names(SecurityConfiguration.roleAuthorities("incident-responder runbook-author")))
        .containsExactly("ROLE_incident-responder", "ROLE_runbook-author");
    assertThat(SecurityConfiguration.roleAuthorities(null)).isEmpty();
  }

  private static List<String> names(java.util.Collection<GrantedAuthority> authorities) {
    return authorities.stream().map(GrantedAuthority::getAuthority).toList();
  }

  private static ConsoleProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("dr.console", ConsoleProperties.class);
  }
}
