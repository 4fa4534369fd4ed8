package io.drautopilot.identity.config;

import io.drautopilot.identity.Role;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The shared token contract: access and ID tokens carry {@code roles} (a JSON array of role names) and
 * {@code preferred_username}. A person's come from the login ({@code sub} is the username too); a client
 * acting for itself (client credentials) carries its configured roles and its client id as the name.
 */
final class RoleClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  @Override
  public void customize(JwtEncodingContext context) {
    boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    if (!accessToken && !idToken) {
      return;
    }
    String name;
    List<String> roles;
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      RegisteredClient client = context.getRegisteredClient();
      name = client.getClientId();
      List<String> configured =
          client.getClientSettings().getSetting(FirstPartyClients.ROLES_SETTING);
      roles = configured == null ? List.of() : configured;
    } else {
      Authentication person = context.getPrincipal();
      name = person.getName();
      roles =
          person.getAuthorities().stream()
              .map(GrantedAuthority::getAuthority)
              .filter(a -> Role.fromClaimValue(a).isPresent())
              .toList();
    }
    context.getClaims().claim(Role.ROLES_CLAIM, roles).claim(Role.NAME_CLAIM, name);
  }
}
