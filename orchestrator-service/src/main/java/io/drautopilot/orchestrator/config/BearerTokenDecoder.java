package io.drautopilot.orchestrator.config;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.drautopilot.orchestrator.adapter.http.TokenRefusedException;
import io.drautopilot.orchestrator.adapter.http.TokenRefusedException.Reason;
import java.text.ParseException;
import java.util.Locale;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Sends each bearer token to the decoder for its algorithm: HS256 to the development HMAC decoder
 * when that option is on, everything else to the identity provider's; refuses unsigned tokens
 * ({@code alg: none}) and HMAC tokens when the development option is off. Every refusal says why
 * as a {@link TokenRefusedException}.
 */
final class BearerTokenDecoder implements JwtDecoder {

  private final JwtDecoder issuer;
  private final JwtDecoder developmentHmac;

  /**
   * @param issuer the identity provider's decoder, or null when none is configured
   * @param developmentHmac the development HMAC decoder, or null when that option is off
   */
  BearerTokenDecoder(JwtDecoder issuer, JwtDecoder developmentHmac) {
    this.issuer = issuer;
    this.developmentHmac = developmentHmac;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new TokenRefusedException(
          Reason.MALFORMED, "the bearer token is not a JWT: " + e.getMessage());
    }
    if (parsed instanceof PlainJWT) {
      throw new TokenRefusedException(
          Reason.UNSUPPORTED_ALGORITHM, "an unsigned token (alg: none) is never accepted");
    }
    if (!(parsed instanceof SignedJWT signed)) {
      throw new TokenRefusedException(
          Reason.UNSUPPORTED_ALGORITHM,
          "an encrypted token is not accepted; send a signed access token");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
      if (developmentHmac == null) {
        throw new TokenRefusedException(
            Reason.UNSUPPORTED_ALGORITHM,
            "a token signed with a shared secret ("
                + alg
                + ") is accepted only with the development option dr.orchestrator.security.development-hmac.enabled");
      }
      return decode(developmentHmac, token);
    }
    if (issuer == null) {
      throw new TokenRefusedException(
          Reason.NOT_CONFIGURED,
          "no identity provider is configured "
              + "(dr.orchestrator.security.issuer): no "
              + alg
              + " token can be checked");
    }
    return decode(issuer, token);
  }

  private static Jwt decode(JwtDecoder decoder, String token) {
    try {
      return decoder.decode(token);
    } catch (TokenRefusedException e) {
      throw e;
    } catch (JwtValidationException e) {
      throw new TokenRefusedException(claimsReason(e), describe(e), e);
    } catch (BadJwtException e) {
      throw new TokenRefusedException(signatureReason(e), e.getMessage(), e);
    } catch (JwtException e) {
      // the keys could not be fetched (issuer down, rate-limited refetch): the token cannot be
      // checked
      throw new TokenRefusedException(
          Reason.ISSUER_UNAVAILABLE,
          "the identity provider's keys are not available: " + e.getMessage(),
          e);
    }
  }

  private static Reason claimsReason(JwtValidationException e) {
    String all = describe(e).toLowerCase(Locale.ROOT);
    if (all.contains("expired")) {
      return Reason.EXPIRED;
    } else if (all.contains("iss")) {
      return Reason.WRONG_ISSUER;
    } else if (all.contains("aud")) {
      return Reason.WRONG_AUDIENCE;
    }
    return Reason.INVALID_CLAIMS;
  }

  private static Reason signatureReason(BadJwtException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("signature")
        || message.contains("no matching key")
        || message.contains("another algorithm")) {
      return Reason.INVALID_SIGNATURE;
    } else if (message.contains("expired")) {
      return Reason.EXPIRED;
    }
    return Reason.MALFORMED;
  }

  private static String describe(JwtValidationException e) {
    return String.join("; ", e.getErrors().stream().map(OAuth2Error::getDescription).toList());
  }
}
