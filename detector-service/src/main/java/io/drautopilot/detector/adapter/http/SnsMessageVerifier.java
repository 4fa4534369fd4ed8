package io.drautopilot.detector.adapter.http;

import io.drautopilot.detector.config.DetectorProperties;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Verifies SNS HTTP(S) messages the way AWS documents it: the signing certificate must come from an SNS host over
 * HTTPS, and the signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) must match the canonical string of
 * the message's fields. Certificates are cached per URL.
 */
public class SnsMessageVerifier {

  private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
      "TopicArn", "Type");

  private final DetectorProperties.Sns config;
  private final Pattern hostPattern;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

  public SnsMessageVerifier(DetectorProperties.Sns config) {
    this.config = config;
    this.hostPattern = Pattern.compile(config.getCertHostPattern());
  }

  public void verify(JsonNode message) {
    String type = text(message, "Type");
    List<String> fields = switch (type) {
      case "Notification" -> NOTIFICATION_FIELDS;
      case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> SUBSCRIPTION_FIELDS;
      default -> throw new WebhookRejected(400, "unknown SNS message Type '" + type + "'");
    };
    String algorithm = switch (text(message, "SignatureVersion")) {
      case "1" -> "SHA1withRSA";
      case "2" -> "SHA256withRSA";
      default -> throw new WebhookRejected(400, "unsupported SNS SignatureVersion '" + text(message, "SignatureVersion") + "'");
    };
    if (!config.getTopicArns().isEmpty() && !config.getTopicArns().contains(text(message, "TopicArn"))) {
      throw new WebhookRejected(403, "SNS topic " + text(message, "TopicArn") + " is not accepted here");
    }
    URI certUrl = trustedUri(text(message, "SigningCertURL"), "SigningCertURL");
    StringBuilder canonical = new StringBuilder();
    for (String field : fields) {
      JsonNode value = message.get(field);
      if (value == null || value.isNull()) {
        if (field.equals("Subject")) {
          continue;
        }
        throw new WebhookRejected(400, "SNS " + type + " lacks " + field);
      }
      canonical.append(field).append('\n').append(value.asString()).append('\n');
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate(certUrl).getPublicKey());
      verifier.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(Base64.getDecoder().decode(text(message, "Signature")))) {
        throw new WebhookRejected(403, "SNS signature does not verify");
      }
    } catch (WebhookRejected e) {
      throw e;
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      throw new WebhookRejected(403, "SNS signature cannot be verified: " + e.getMessage());
    }
  }

  /** A URL SNS sent (SigningCertURL, SubscribeURL): HTTPS and an SNS host, or the request is refused. */
  public URI trustedUri(String url, String what) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new WebhookRejected(400, what + " is not a URL");
    }
    boolean schemeOk = "https".equals(uri.getScheme()) || (config.isAllowHttpCertUrl() && "http".equals(uri.getScheme()));
    if (!schemeOk || uri.getHost() == null || !hostPattern.matcher(uri.getHost()).matches()) {
      throw new WebhookRejected(403, what + " host " + uri.getHost() + " is not an SNS host");
    }
    return uri;
  }

  private X509Certificate certificate(URI url) {
    return certificates.computeIfAbsent(url.toString(), u -> {
      try {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw new WebhookRejected(403, "SigningCertURL answered HTTP " + r.statusCode());
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(r.body()));
      } catch (WebhookRejected e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WebhookRejected(503, "interrupted while fetching the signing certificate");
      } catch (Exception e) {
        throw new WebhookRejected(403, "cannot load the SNS signing certificate: " + e.getMessage());
      }
    });
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asString();
  }
}
