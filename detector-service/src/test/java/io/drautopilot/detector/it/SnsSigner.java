package io.drautopilot.detector.it;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Plays SNS: a key pair and self-signed certificate made with the JDK's keytool, and SNS's canonical signing. */
public final class SnsSigner {

  public final PrivateKey key;
  public final String certificatePem;

  public SnsSigner() {
    try {
      Path dir = Files.createTempDirectory("sns-signer");
      Path store = dir.resolve("sns.p12");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "sns",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=sns.test",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  "testpass",
                  "-keypass",
                  "testpass")
              .redirectErrorStream(true)
              .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + new String(p.getInputStream().readAllBytes()));
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (FileInputStream in = new FileInputStream(store.toFile())) {
        ks.load(in, "testpass".toCharArray());
      }
      key = (PrivateKey) ks.getKey("sns", "testpass".toCharArray());
      Certificate cert = ks.getCertificate("sns");
      certificatePem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(cert.getEncoded())
              + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs the fields as SNS does: "Name\nvalue\n" for each signed field in order, SHA1 (v1) or SHA256 (v2) with RSA. */
  public String sign(Map<String, String> message, String version) {
    List<String> fields =
        message.get("Type").equals("Notification")
            ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
            : List.of(
                "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    StringBuilder canonical = new StringBuilder();
    for (String f : fields) {
      if (message.containsKey(f)) {
        canonical.append(f).append('\n').append(message.get(f)).append('\n');
      }
    }
    try {
      Signature s = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
      s.initSign(key);
      s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
