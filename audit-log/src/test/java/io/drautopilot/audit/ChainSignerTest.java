package io.drautopilot.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainSignerTest {

  static final String HEAD = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void shouldDeriveThePublicKeyOpensslDerivesWhenGivenOnlyTheOpensslPrivateKey() {
    ChainSigner signer = ChainSigner.fromKey(resource("test-only-ed25519-private.pem"));

    assertThat(signer.publicKeyPem().strip())
        .isEqualTo(resource("test-only-ed25519-public.pem").strip());
    assertThat(signer.keyId())
        .isEqualTo(
            Ed25519Keys.keyId(Ed25519Keys.publicKey(resource("test-only-ed25519-public.pem"))));
  }

  @Test
  void shouldDeriveTheRightPublicKeyForFreshKeys() {
    for (int i = 0; i < 20; i++) {
      KeyPair pair = Ed25519Keys.generate();
      assertThat(Ed25519Keys.publicKeyOf(pair.getPrivate()).getEncoded())
          .isEqualTo(pair.getPublic().getEncoded());
    }
  }

  @Test
  void shouldVerifyWithThePublishedKeyAloneWhenSignedWithThePrivateKey() {
    ChainSigner signer = ChainSigner.fromKey(resource("test-only-ed25519-private.pem"));
    ChainVerifier published = ChainVerifier.fromKeys(resource("test-only-ed25519-public.pem"));

    String signature = signer.sign(HEAD);

    assertThat(published.check(HEAD, signature, signer.keyId())).isEmpty();
    assertThat(published.check(HEAD.replace('9', '8'), signature, signer.keyId()))
        .get()
        .asString()
        .contains("does not match");
  }

  @Test
  void shouldReadTheKeyAsBase64DerWhenItComesFromAnEnvironmentVariable() {
    KeyPair pair = Ed25519Keys.generate();
    ChainSigner signer =
        ChainSigner.fromKey(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    ChainVerifier verifier =
        ChainVerifier.fromKeys(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));

    assertThat(verifier.check(HEAD, signer.sign(HEAD), signer.keyId())).isEmpty();
  }

  @Test
  void shouldReadTheKeyFromAMountedFileWhenConfiguredAsAFile(@TempDir Path dir) throws IOException {
    Path keyFile =
        Files.writeString(
            dir.resolve("signing-key.pem"), resource("test-only-ed25519-private.pem"));
    Path publicFile =
        Files.writeString(
            dir.resolve("signing-key.pub.pem"), resource("test-only-ed25519-public.pem"));

    ChainSigner signer = ChainSigner.fromConfiguration(null, keyFile.toString());

    assertThat(ChainVerifier.fromFiles(publicFile).check(HEAD, signer.sign(HEAD), signer.keyId()))
        .isEmpty();
  }

  @Test
  void shouldRefuseConfigurationWithNoKeyOrTwoKeys() {
    assertThatThrownBy(() -> ChainSigner.fromConfiguration(" ", null))
        .hasMessageContaining("no chain signing key");
    assertThatThrownBy(() -> ChainSigner.fromConfiguration("x", "y"))
        .hasMessageContaining("configured twice");
  }

  @Test
  void shouldNameNoKeyMaterialWhenTheKeyIsMalformed() {
    String publicPem = resource("test-only-ed25519-public.pem");
    assertThatThrownBy(() -> ChainSigner.fromKey(publicPem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PRIVATE KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MCow"));
    String notAKey =
        Base64.getEncoder().encodeToString("secret-but-not-a-key".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ChainSigner.fromKey(notAKey))
        .hasMessageContaining("not an Ed25519 PKCS#8 private key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(notAKey));
  }

  @Test
  void shouldShowOnlyTheKeyIdWhenPrinted() {
    ChainSigner signer = ChainSigner.fromKey(resource("test-only-ed25519-private.pem"));

    assertThat(signer.toString()).isEqualTo("ChainSigner[keyId=" + signer.keyId() + "]");
    assertThat(signer.keyId()).matches("[0-9a-f]{16}");
  }

  static String resource(String name) {
    try (var in = ChainSignerTest.class.getResourceAsStream("/keys/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
