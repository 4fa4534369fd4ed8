package io.drautopilot.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks chain-head signatures against the published Ed25519 public keys it trusts, found by key id
 * (several, so incidents signed before a key rotation still verify).
 */
public final class ChainVerifier {

  private final Map<String, PublicKey> keys;

  private ChainVerifier(Map<String, PublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  public static ChainVerifier of(PublicKey... keys) {
    return of(List.of(keys));
  }

  public static ChainVerifier of(Collection<PublicKey> keys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (PublicKey key : keys) {
      if (!Ed25519Keys.ALGORITHM.equals(key.getAlgorithm())
          && !"EdDSA".equals(key.getAlgorithm())) {
        throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
      }
      byId.put(Ed25519Keys.keyId(key), key);
    }
    return new ChainVerifier(byId);
  }

  /** From published public keys, each X.509 PEM or base64 DER. */
  public static ChainVerifier fromKeys(String... pemOrBase64) {
    return of(java.util.Arrays.stream(pemOrBase64).map(Ed25519Keys::publicKey).toList());
  }

  /** From files holding published public keys. */
  public static ChainVerifier fromFiles(Path... files) {
    return of(
        java.util.Arrays.stream(files)
            .map(f -> Ed25519Keys.publicKey(Ed25519Keys.readFile(f)))
            .toList());
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** Empty when {@code signature} is {@code keyId}'s valid signature of {@code chainHead}; otherwise what is wrong. */
  public Optional<String> check(String chainHead, String signature, String keyId) {
    if (signature == null || signature.isEmpty()) {
      return Optional.of("the chain head is not signed");
    }
    PublicKey key = keys.get(keyId);
    if (key == null) {
      return Optional.of(
          "signed by key "
              + keyId
              + ", which is not a trusted key (trusted: "
              + keys.keySet()
              + ")");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return Optional.of("the signature is not base64");
    }
    try {
      Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(chainHead.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(raw)
          ? Optional.empty()
          : Optional.of(
              "the signature does not match the chain head " + chainHead + " for key " + keyId);
    } catch (java.security.SignatureException e) {
      return Optional.of("the signature is malformed: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify Ed25519 signatures", e);
    }
  }
}
