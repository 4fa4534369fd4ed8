package io.drautopilot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in the forms operators hold them: PEM ({@code openssl genpkey -algorithm ed25519}
 * writes PKCS#8 "PRIVATE KEY", {@code openssl pkey -pubout} X.509 "PUBLIC KEY") or the same DER as
 * bare base64 (handy in an environment variable). Error messages never contain key material.
 */
public final class Ed25519Keys {

  static final String ALGORITHM = "Ed25519";

  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte key follows. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519Keys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** A PKCS#8 private key from PEM or base64 DER. */
  public static PrivateKey privateKey(String pemOrBase64) {
    byte[] der = decode(pemOrBase64, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 PKCS#8 private key (expected PEM \"PRIVATE KEY\" or its base64 DER)");
    }
  }

  /** An X.509 (SubjectPublicKeyInfo) public key from PEM or base64 DER. */
  public static PublicKey publicKey(String pemOrBase64) {
    byte[] der = decode(pemOrBase64, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 X.509 public key (expected PEM \"PUBLIC KEY\" or its base64 DER)");
    }
  }

  /** Reads a key file (a mounted secret or a published public key). */
  static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    }
  }

  public static String pem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** The key id: the first 16 lowercase hex digits of the SHA-256 of the public key's X.509 DER encoding. */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The public key of a private key. The JDK offers no call for it, so it is computed as RFC 8032
   * section 5.1.5 says (the clamped scalar times the base point) and then proven by signing and
   * verifying a message: a signer configured with only its private key still publishes the right
   * public key and key id.
   */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    if (!(privateKey instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    }
    byte[] seed = ed.getBytes().get();
    PublicKey candidate;
    try {
      byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
      byte[] scalar = Arrays.copyOf(h, 32);
      scalar[0] &= (byte) 248;
      scalar[31] &= 127;
      scalar[31] |= 64;
      byte[] encoded = Curve25519.compress(Curve25519.multiplyBase(littleEndian(scalar)));
      byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
      System.arraycopy(encoded, 0, der, X509_PREFIX.length, 32);
      candidate = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
      byte[] probe = "dr-autopilot public key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(candidate);
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException(
            "derived Ed25519 public key does not verify its private key's signature");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the Ed25519 public key", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    return candidate;
  }

  private static byte[] decode(String pemOrBase64, String label) {
    if (pemOrBase64 == null || pemOrBase64.isBlank()) {
      throw new IllegalArgumentException(
          "no key given (expected PEM \"" + label + "\" or its base64 DER)");
    }
    String text = pemOrBase64.strip();
    if (text.startsWith("-----BEGIN")) {
      String begin = "-----BEGIN " + label + "-----";
      String end = "-----END " + label + "-----";
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      if (from < 0 || to < from) {
        String found =
            text.substring(
                0, Math.min(text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n'), 60));
        throw new IllegalArgumentException(
            "expected a PEM \"" + label + "\" block, found " + found.strip());
      }
      text = text.substring(from + begin.length(), to);
    }
    try {
      return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "key is neither PEM nor base64 (expected PEM \"" + label + "\" or its base64 DER)");
    }
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static BigInteger littleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      big[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, big);
  }

  /** Edwards25519 in extended coordinates (X, Y, Z, T), RFC 8032 section 5.1.4: only what key derivation needs. */
  private static final class Curve25519 {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger D =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    static final BigInteger GX =
        new BigInteger(
            "15112221349535400772501151409588531511454012693041857206046113283949847762202");
    static final BigInteger GY =
        new BigInteger(
            "46316835694926478169428394003475163141307993866256225615783033603165251855960");

    static BigInteger[] multiplyBase(BigInteger scalar) {
      BigInteger[] q = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
      BigInteger[] p = {GX, GY, BigInteger.ONE, GX.multiply(GY).mod(P)};
      for (BigInteger s = scalar; s.signum() > 0; s = s.shiftRight(1)) {
        if (s.testBit(0)) {
          q = add(q, p);
        }
        p = add(p, p);
      }
      return q;
    }

    static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
      BigInteger a = p[1].subtract(p[0]).multiply(q[1].subtract(q[0])).mod(P);
      BigInteger b = p[1].add(p[0]).multiply(q[1].add(q[0])).mod(P);
      BigInteger c = BigInteger.TWO.multiply(p[3]).multiply(q[3]).multiply(D).mod(P);
      BigInteger d = BigInteger.TWO.multiply(p[2]).multiply(q[2]).mod(P);
      BigInteger e = b.subtract(a);
      BigInteger f = d.subtract(c);
      BigInteger g = d.add(c);
      BigInteger h = b.add(a);
      return new BigInteger[] {
        e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P)
      };
    }

    static byte[] compress(BigInteger[] point) {
      BigInteger zInverse = point[2].modInverse(P);
      BigInteger x = point[0].multiply(zInverse).mod(P);
      BigInteger y = point[1].multiply(zInverse).mod(P);
      BigInteger encoded = x.testBit(0) ? y.setBit(255) : y;
      byte[] big = encoded.toByteArray();
      byte[] little = new byte[32];
      for (int i = 0; i < Math.min(32, big.length); i++) {
        little[i] = big[big.length - 1 - i];
      }
      return little;
    }
  }
}
