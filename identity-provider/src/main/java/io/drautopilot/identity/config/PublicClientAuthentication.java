package io.drautopilot.identity.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.Transient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Client authentication for a public client (drctl) by its {@code client_id} alone, on the device
 * authorization request and on the device code and refresh token grants. Spring Authorization Server
 * authenticates public clients only by PKCE, which the device grant has no place for (RFC 8628 §3.1 lets a
 * public client send just its id). Only clients registered with {@code none} pass; a request carrying a
 * secret or an {@code Authorization} header is left to the confidential clients' authenticators.
 */
final class PublicClientAuthentication implements AuthenticationConverter, AuthenticationProvider {

  private static final Set<String> GRANTS =
      Set.of(
          AuthorizationGrantType.DEVICE_CODE.getValue(),
          AuthorizationGrantType.REFRESH_TOKEN.getValue());

  private final RegisteredClientRepository clients;
  private final RequestMatcher deviceAuthorization;
  private final RequestMatcher token;

  PublicClientAuthentication(
      RegisteredClientRepository clients,
      String deviceAuthorizationEndpoint,
      String tokenEndpoint) {
    this.clients = clients;
    this.deviceAuthorization =
        PathPatternRequestMatcher.pathPattern(HttpMethod.POST, deviceAuthorizationEndpoint);
    this.token = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, tokenEndpoint);
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
    if (clientId == null
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
        || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
      return null;
    }
    boolean ours =
        deviceAuthorization.matches(request)
            || (token.matches(request)
                && GRANTS.contains(request.getParameter(OAuth2ParameterNames.GRANT_TYPE)));
    if (!ours) {
      return null;
    }
    if (clientId.isBlank()
        || request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1) {
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
    }
    return new PublicClientToken(clientId);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String clientId = (String) authentication.getPrincipal();
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null
        || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_CLIENT,
              "client " + clientId + " is not a public client",
              null));
    }
    return new PublicClientToken(client);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return PublicClientToken.class.isAssignableFrom(authentication);
  }

  /** Never kept in the session: a client's authentication lasts one request. */
  @Transient
  static final class PublicClientToken extends OAuth2ClientAuthenticationToken {

    PublicClientToken(String clientId) {
      super(clientId, ClientAuthenticationMethod.NONE, null, Map.of());
    }

    PublicClientToken(RegisteredClient client) {
      super(client, ClientAuthenticationMethod.NONE, null);
    }
  }
}
