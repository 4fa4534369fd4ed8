package io.drautopilot.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.drautopilot.orchestrator.adapter.http.TokenRefusedException;
import io.drautopilot.orchestrator.adapter.http.TokenRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class BearerTokenDecoderTest {

  static final String SECRET = "test-only-secret-of-at-least-32-bytes!!";
  final JWTClaimsSet claims =
      new JWTClaimsSet.Builder()
          .subject("dana")
          .claim("roles", List.of("viewer"))
          .expirationTime(Date.from(Instant.now().plusSeconds(300)))
          .build();

  @Test
  void shouldRefuseEveryTokenWithTheReasonWhenNoIdentityProviderIsConfigured() throws Exception {
    BearerTokenDecoder decoder = new BearerTokenDecoder(null, null);

    assertRefused(decoder, rs256(), Reason.NOT_CONFIGURED);
    assertRefused(decoder, hs256(), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void shouldNeverAcceptAnUnsignedToken() {
    BearerTokenDecoder decoder = new BearerTokenDecoder(null, hmac());

    assertRefused(decoder, new PlainJWT(claims).serialize(), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void shouldAcceptHmacTokensOnlyWithTheDevelopmentOption() throws Exception {
    assertThat(new BearerTokenDecoder(null, hmac()).decode(hs256()).getSubject()).isEqualTo("dana");
    assertRefused(
        new BearerTokenDecoder(
            token -> {
              throw new AssertionError("not for the issuer");
            },
            null),
        hs256(),
        Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void shouldCallAGarbledTokenMalformed() {
    assertRefused(new BearerTokenDecoder(null, hmac()), "a.b", Reason.MALFORMED);
  }

  static void assertRefused(BearerTokenDecoder decoder, String token, Reason reason) {
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOfSatisfying(
            TokenRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  static JwtDecoder hmac() {
    return NimbusJwtDecoder.withSecretKey(
            new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
        .macAlgorithm(MacAlgorithm.HS256)
        .build();
  }

  String hs256() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  String rs256() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
