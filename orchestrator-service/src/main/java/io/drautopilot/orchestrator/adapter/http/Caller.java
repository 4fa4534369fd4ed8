package io.drautopilot.orchestrator.adapter.http;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the audit log names them ({@code preferred_username}, else the token's subject),
 * and the roles the token grants.
 */
record Caller(String name, List<String> roles) {

  boolean has(String role) {
    return roles.contains(role);
  }

  static Caller of(Authentication authentication, String roleClaim) {
    if (authentication instanceof JwtAuthenticationToken token) {
      return new Caller(
          nameOf(token.getToken()),
          ApiRoles.fromClaim(token.getToken().getClaims().get(roleClaim)));
    }
    return new Caller(authentication == null ? "anonymous" : authentication.getName(), List.of());
  }

  /** The person's name: {@code preferred_username}, falling back to {@code sub}. */
  static String nameOf(Jwt jwt) {
    String name = jwt.getClaimAsString("preferred_username");
    return name == null || name.isBlank() ? jwt.getSubject() : name;
  }
}
