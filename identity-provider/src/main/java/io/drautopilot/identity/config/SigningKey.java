package io.drautopilot.identity.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RS256 key tokens are signed with. Its key id is the public key's thumbprint, so a key read from a file
 * keeps its {@code kid} across restarts and a generated one never collides with an earlier one.
 */
final class SigningKey {

  private SigningKey() {}

  /** A file's key when one is configured, else a new 2048-bit key that lives as long as this process. */
  static RSAKey loadOrGenerate(Path pem) {
    try {
      if (pem != null && !pem.toString().isBlank()) {
        return load(pem);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return jwk((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate());
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException("cannot make the token signing key: " + e.getMessage(), e);
    }
  }

  private static RSAKey load(Path pem) throws GeneralSecurityException, JOSEException {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(
          "dr.identity.signing-key: cannot read " + pem + ": " + e.getMessage(), e);
    }
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalStateException(
          "dr.identity.signing-key: "
              + pem
              + " is not a PKCS#8 PEM private key"
              + " (-----BEGIN PRIVATE KEY-----; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 makes one)");
    }
    String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)))
        instanceof RSAPrivateCrtKey key)) {
      throw new IllegalStateException(
          "dr.identity.signing-key: " + pem + " holds no RSA private key with its CRT parameters");
    }
    RSAPublicKey publicKey =
        (RSAPublicKey)
            rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    return jwk(publicKey, key);
  }

  private static RSAKey jwk(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey)
      throws JOSEException {
    return new RSAKey.Builder(publicKey)
        .privateKey(privateKey)
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS256)
        .keyIDFromThumbprint()
        .build();
  }
}
