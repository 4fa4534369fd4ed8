package io.drautopilot.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs an incident's chain head with the orchestrator's Ed25519 key. The signed message is the
 * UTF-8 bytes of the head (64 lowercase hex digits); the signature is base64. The public key and its
 * id are meant to be published ({@link #publicKeyPem()}), the private key never leaves this object:
 * {@link #toString()} names only the key id.
 */
public final class ChainSigner {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private ChainSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = Ed25519Keys.keyId(publicKey);
  }

  public static ChainSigner of(PrivateKey privateKey) {
    return new ChainSigner(privateKey, Ed25519Keys.publicKeyOf(privateKey));
  }

  /** From a PKCS#8 PEM or base64 DER private key (e.g. a configuration property or environment variable). */
  public static ChainSigner fromKey(String pemOrBase64) {
    return of(Ed25519Keys.privateKey(pemOrBase64));
  }

  /** From a file holding the PEM or base64 private key (e.g. a mounted Kubernetes secret). */
  public static ChainSigner fromFile(Path keyFile) {
    return fromKey(Ed25519Keys.readFile(keyFile));
  }

  /**
   * From configuration: exactly one of an inline key and a key file.
   *
   * @param inlineKey PEM or base64 private key, or null/blank
   * @param keyFile path of a file holding it, or null/blank
   */
  public static ChainSigner fromConfiguration(String inlineKey, String keyFile) {
    boolean inline = inlineKey != null && !inlineKey.isBlank();
    boolean file = keyFile != null && !keyFile.isBlank();
    if (inline == file) {
      throw new IllegalArgumentException(
          inline
              ? "the chain signing key is configured twice (inline and as a file): give one"
              : "no chain signing key configured: give the Ed25519 private key inline or as a file");
    }
    return inline ? fromKey(inlineKey) : fromFile(Path.of(keyFile));
  }

  /** Base64 Ed25519 signature over the UTF-8 bytes of {@code chainHead}. */
  public String sign(String chainHead) {
    try {
      Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
      signature.initSign(privateKey);
      signature.update(chainHead.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the chain head with key " + keyId, e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key to publish (X.509 PEM), so anyone can verify without the private key. */
  public String publicKeyPem() {
    return Ed25519Keys.pem(publicKey);
  }

  /** The verifier for this signer's own signatures. */
  public ChainVerifier verifier() {
    return ChainVerifier.of(publicKey);
  }

  @Override
  public String toString() {
    return "ChainSigner[keyId=" + keyId + "]";
  }
}
