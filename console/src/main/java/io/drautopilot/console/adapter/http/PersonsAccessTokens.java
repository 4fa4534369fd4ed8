package io.drautopilot.console.adapter.http;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * The person's own access token from the identity provider, as their login obtained it; once it has
 * expired, the refresh token gets a new one. When that is refused too (the provider's session ended),
 * the person has to log in again, and the decision is not sent.
 */
public final class PersonsAccessTokens implements BearerTokens {

  private final OAuth2AuthorizedClientManager clients;
  private final String registrationId;

  public PersonsAccessTokens(OAuth2AuthorizedClientManager clients, String registrationId) {
    this.clients = clients;
    this.registrationId = registrationId;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String forPerson(Authentication person) {
    OAuth2AuthorizedClient client;
    try {
      client =
          clients.authorize(
              OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                  .principal(person)
                  .build());
    } catch (OAuth2AuthorizationException e) {
      throw new Missing(
          401,
          "your login with the identity provider has ended ("
              + e.getError().getErrorCode()
              + "): sign out and in again");
    }
    if (client == null) {
      throw new Missing(
          401, "this session holds no token from the identity provider: sign out and in again");
    }
    return client.getAccessToken().getTokenValue();
  }
}
