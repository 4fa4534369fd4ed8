package io.drautopilot.identity.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The project's own clients: the console, drctl and scripts. None asks for consent: they are first-party, and
 * what a person may do is decided by the roles the services check, not by scopes the person grants.
 */
final class FirstPartyClients {

  /** Where a client's roles live in its settings: client-credentials tokens carry them. */
  static final String ROLES_SETTING = "io.drautopilot.identity.roles";

  private FirstPartyClients() {}

  static InMemoryRegisteredClientRepository repository(IdentityProperties properties) {
    TokenSettings tokens =
        TokenSettings.builder()
            .accessTokenTimeToLive(properties.accessTokenTimeToLive())
            .refreshTokenTimeToLive(properties.refreshTokenTimeToLive())
            .deviceCodeTimeToLive(properties.deviceCodeTimeToLive())
            .build();
    List<RegisteredClient> clients = new ArrayList<>();
    IdentityProperties.Clients configured = properties.clients();
    clients.add(
        RegisteredClient.withId(configured.cli().clientId())
            .clientId(configured.cli().clientId())
            .clientName("drctl")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
            .tokenSettings(tokens)
            .build());
    IdentityProperties.Console console = configured.console();
    if (console.enabled()) {
      clients.add(
          RegisteredClient.withId(console.clientId())
              .clientId(console.clientId())
              .clientSecret(console.secret())
              .clientName("DR console")
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
              .redirectUris(uris -> uris.addAll(console.redirectUris()))
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.PROFILE)
              .clientSettings(
                  ClientSettings.builder()
                      .requireProofKey(true)
                      .requireAuthorizationConsent(false)
                      .build())
              .tokenSettings(tokens)
              .build());
    }
    IdentityProperties.Automation automation = configured.automation();
    if (automation.enabled()) {
      clients.add(
          RegisteredClient.withId(automation.clientId())
              .clientId(automation.clientId())
              .clientSecret(automation.secret())
              .clientName("automation")
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
              .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
              .clientSettings(
                  ClientSettings.builder()
                      .requireAuthorizationConsent(false)
                      .setting(ROLES_SETTING, List.copyOf(automation.roles()))
                      .build())
              .tokenSettings(tokens)
              .build());
    }
    return new InMemoryRegisteredClientRepository(clients);
  }
}
