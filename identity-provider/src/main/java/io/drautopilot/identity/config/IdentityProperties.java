package io.drautopilot.identity.config;

import io.drautopilot.identity.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.identity.*}: the people, the first-party clients and the signing key. Checked when bound, so a
 * typo in a role or a password without its encoder prefix stops the start with the property's name instead
 * of surfacing as a refused login during a drill.
 *
 * @param issuer the {@code iss} of every token and the base of the discovery document; blank: the URL the
 *     provider is called at (http://localhost:8087 on this machine). Services must see the same value.
 * @param signingKey a PEM file with an RSA private key (PKCS#8); none: a key generated at start, so a
 *     restart rotates it and every token issued before is refused by services that fetch the new JWKS
 * @param accessTokenTimeToLive how long an access token is valid
 * @param refreshTokenTimeToLive how long a refresh token is valid
 * @param deviceCodeTimeToLive how long drctl's device code waits for the person to log in
 * @param users the people who may log in; none by default (the deployment gives them)
 * @param clients the first-party clients: the console, drctl and scripts
 */
@ConfigurationProperties("dr.identity")
record IdentityProperties(
    String issuer,
    Path signingKey,
    @DefaultValue("PT15M") Duration accessTokenTimeToLive,
    @DefaultValue("PT8H") Duration refreshTokenTimeToLive,
    @DefaultValue("PT5M") Duration deviceCodeTimeToLive,
    @DefaultValue List<User> users,
    @DefaultValue Clients clients) {

  /** {@code {bcrypt}…}, {@code {noop}…}: the delegating encoder's format, so the encoder is explicit. */
  private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9_-]+}.+");

  IdentityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      User user = users.get(i);
      String field = "dr.identity.users[" + i + "]";
      if (user.username() == null || user.username().isBlank()) {
        throw new IllegalArgumentException(field + ".username: a user needs a name");
      }
      if (!names.add(user.username())) {
        throw new IllegalArgumentException(
            field + ".username: '" + user.username() + "' is listed twice");
      }
      requireEncoded(user.password(), field + ".password");
      checkRoles(user.roles(), field + ".roles");
    }
    Automation automation = clients.automation();
    if (automation.enabled()) {
      requireEncoded(automation.secret(), "dr.identity.clients.automation.secret");
      checkRoles(automation.roles(), "dr.identity.clients.automation.roles");
    }
    if (clients.console().enabled()) {
      requireEncoded(clients.console().secret(), "dr.identity.clients.console.secret");
      if (clients.console().redirectUris().isEmpty()) {
        throw new IllegalArgumentException(
            "dr.identity.clients.console.redirect-uris: the console needs at least one");
      }
    }
  }

  private static void requireEncoded(String secret, String field) {
    if (secret == null || !ENCODED.matcher(secret).matches()) {
      throw new IllegalArgumentException(
          field + ": give it with its encoder, e.g. {bcrypt}$2a$10$… or {noop}plain-text");
    }
  }

  private static void checkRoles(List<String> roles, String field) {
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException(field + ": at least one of " + Role.claimValues());
    }
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < roles.size(); r++) {
      String role = roles.get(r);
      if (Role.fromClaimValue(role).isEmpty()) {
        throw new IllegalArgumentException(
            field
                + "["
                + r
                + "]: unknown role '"
                + role
                + "' (known: "
                + String.join(", ", Role.claimValues())
                + ")");
      }
      if (!seen.add(role)) {
        throw new IllegalArgumentException(field + "[" + r + "]: '" + role + "' is listed twice");
      }
    }
  }

  /** A person: the password in the delegating encoder's format, the roles by their claim names. */
  record User(String username, String password, List<String> roles) {
    User {
      // not List.copyOf: a null role is reported by checkRoles with the property's name
      roles = roles == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(roles));
    }

    @Override
    public String toString() {
      return "User[" + username + ", roles=" + roles + "]";
    }
  }

  record Clients(
      @DefaultValue Console console, @DefaultValue Cli cli, @DefaultValue Automation automation) {}

  /** The web console: confidential, authorization code with PKCE. Registered only with a secret. */
  record Console(
      @DefaultValue("dr-console") String clientId,
      String secret,
      @DefaultValue("http://localhost:8086/login/oauth2/code/dr-console")
          List<String> redirectUris) {
    boolean enabled() {
      return secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
      return "Console[" + clientId + ", redirectUris=" + redirectUris + "]";
    }
  }

  /** drctl: a public client (no secret) using the device authorization grant. Always registered. */
  record Cli(@DefaultValue("drctl") String clientId) {}

  /** Scripts: client credentials, the token carrying these roles. Registered only with a secret. */
  record Automation(
      @DefaultValue("dr-automation") String clientId, String secret, List<String> roles) {
    boolean enabled() {
      return secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
      return "Automation[" + clientId + ", roles=" + roles + "]";
    }
  }
}
