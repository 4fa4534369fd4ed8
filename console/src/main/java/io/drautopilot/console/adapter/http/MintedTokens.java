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
import org.springframework.security.core.Authentication;

/**
 * The development login's tokens: the console mints a short-lived HS256 token for the person logged
 * in, with the secret the orchestrator's development option checks tokens with. Whoever holds that
 * secret can act as anyone, which is why it is for a laptop or the sandbox only; in production the
 * person's own access token from the identity provider is used ({@link PersonsAccessTokens}).
 * A token is made per request and used once.
 */
public final class MintedTokens implements BearerTokens {

  private final ConsoleProperties.Orchestrator settings;
  private final MACSigner signer;
  private final Clock clock;

  public MintedTokens(ConsoleProperties.Orchestrator settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    String secret = settings.hmacSecret();
    if (secret == null || secret.isBlank()) {
      this.signer = null;
      return;
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException(
          "dr.console.orchestrator.hmac-secret must be at least 32 bytes (HS256)");
    }
    try {
      this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalStateException(
          "dr.console.orchestrator.hmac-secret is not usable: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean configured() {
    return signer != null;
  }

  @Override
  public String forPerson(Authentication person) {
    if (signer == null) {
      throw new Missing(
          503,
          "this console has no way to sign requests to the orchestrator "
              + "(dr.console.orchestrator.hmac-secret is not set)");
    }
    Person who = Person.of(person);
    String name = who.name();
    List<String> roles = who.roles();
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
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
