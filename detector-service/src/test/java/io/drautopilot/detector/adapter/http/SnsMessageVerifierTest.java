package io.drautopilot.detector.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.it.SnsSigner;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** SNS signature checks with the AWS documentation's message examples, signed here with a generated key. */
class SnsMessageVerifierTest {

  static final SnsSigner SNS = new SnsSigner();
  static final SnsSigner SOMEONE_ELSE = new SnsSigner();

  /** The fixture's signed fields, signed by {@code signer}; SigningCertURL as given. */
  static ObjectNode signed(String fixture, SnsSigner signer, String certUrl) {
    ObjectNode message = Fixtures.read(fixture);
    Map<String, String> fields = new LinkedHashMap<>();
    message.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
    message.put("SignatureVersion", "2");
    message.put("Signature", signer.sign(fields, "2"));
    message.put("SigningCertURL", certUrl);
    return message;
  }

  static SnsMessageVerifier withTrustedPem(String pem) {
    return new SnsMessageVerifier(
        DetectorSettings.bind("dr.detector.webhooks.sns.certificate-pem", pem).webhooks().sns());
  }

  @Test
  void shouldVerifyAgainstTheConfiguredCertificateWithoutFetchingAny() {
    // The documented SNS URL is unreachable from a test: verifying proves nothing was fetched.
    JsonNode message =
        signed(
            "sns/notification.json",
            SNS,
            Fixtures.read("sns/notification.json").get("SigningCertURL").asString());

    assertThatCode(() -> withTrustedPem(SNS.certificatePem).verify(message))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAMessageSignedByAnotherKeyThanTheConfiguredCertificates() {
    JsonNode message =
        signed(
            "sns/subscription-confirmation.json",
            SOMEONE_ELSE,
            "https://sns.us-west-2.amazonaws.com/x.pem");

    assertThatThrownBy(() -> withTrustedPem(SNS.certificatePem).verify(message))
        .isInstanceOfSatisfying(
            WebhookRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.getMessage()).contains("signature does not verify");
            });
  }

  @Test
  void shouldAnswerServiceUnavailableWithTheRealCauseWhenTheCertificateCannotBeFetched()
      throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    DetectorProperties.Sns config =
        DetectorSettings.bind(
                "dr.detector.webhooks.sns.cert-host-pattern", "^127\\.0\\.0\\.1$",
                "dr.detector.webhooks.sns.allow-http-cert-url", "true")
            .webhooks()
            .sns();
    JsonNode message =
        signed("sns/notification.json", SNS, "http://127.0.0.1:" + closedPort + "/cert.pem");

    assertThatThrownBy(() -> new SnsMessageVerifier(config).verify(message))
        .isInstanceOfSatisfying(
            WebhookRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.getMessage())
                  .contains(
                      "cannot fetch the SNS signing certificate from http://127.0.0.1:"
                          + closedPort)
                  .contains("ConnectException")
                  .doesNotContain("null");
            });
  }

  @Test
  void shouldRefuseACertificateUrlOutsideSnsEvenWithoutFetchingIt() {
    JsonNode message =
        signed(
            "sns/notification.json",
            SNS,
            "https://sns.us-west-2.amazonaws.com.attacker.example/cert.pem");

    assertThatThrownBy(
            () -> new SnsMessageVerifier(DetectorSettings.bind().webhooks().sns()).verify(message))
        .isInstanceOfSatisfying(
            WebhookRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.getMessage()).contains("is not an SNS host");
            });
  }

  @Test
  void shouldRefuseToStartWithAConfiguredCertificateThatIsNotPem() {
    assertThatThrownBy(() -> withTrustedPem("not a certificate"))
        .hasMessageContaining("certificate-pem is not a PEM X.509 certificate");
  }
}
