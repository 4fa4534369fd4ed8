package io.drautopilot.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The identity provider the sandbox runs: an OpenID Connect provider (Spring Authorization Server) with the
 * drill's people and first-party clients. People log in with a form; the console uses the authorization code
 * grant with PKCE, drctl the device authorization grant, scripts client credentials. Every access token is an
 * RS256 JWT carrying {@code roles} and {@code preferred_username}, which the orchestrator's API checks against
 * this provider's JWKS; a person's approval in a drill therefore goes through the same login as in production.
 */
@SpringBootApplication
public class IdentityProviderApplication {

  public static void main(String[] args) {
    SpringApplication.run(IdentityProviderApplication.class, args);
  }
}
