package io.drautopilot.console.adapter.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.drautopilot.console.config.ConsoleProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Development and sandbox mode: the console mints a short-lived HS256 token for the person logged
 * in, with the secret the orchestrator checks tokens with. Whoever holds that secret can act as
 * anyone, which is why this ends when tokens come from an identity provider (OIDC).
 * A token is made per request, used once and never shown or logged.
 */
final class BearerTokens {

  private final ConsoleProperties.Orchestrator settings;
  private final MACSigner signer;
  private final Clock clock;

  BearerTokens(ConsoleProperties.Orchestrator settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    String secret = settings.hmacSecret();
    if (secret == null || secret.isBlank()) {
      this.signer = null;
      return;
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException("dr.console.orchestrator.hmac-secret must be at least 32 bytes (HS256)");
    }
    try {
      this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalStateException("dr.console.orchestrator.hmac-secret is not usable: " + e.getMessage(), e);
    }
  }

  boolean configured() {
    return signer != null;
  }

  String forPerson(String name, List<String> roles) {
    if (signer == null) {
      throw new IllegalStateException("no dr.console.orchestrator.hmac-secret configured");
    }
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(name)
        .claim("preferred_username", name)
        .claim(settings.roleClaim(), roles)
        .issuer(settings.issuer())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(settings.tokenLifetime())))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }
}
