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
 * the message's fields. Certificates are cached per URL. With a trusted certificate in configuration nothing is
 * fetched and every message must be signed by its key.
 *
 * <p>Only a message that fails verification is refused (403); not being able to fetch the certificate says nothing
 * about the message and is answered 502/503, which SNS retries.
 */
public class SnsMessageVerifier {

  private static final List<String> NOTIFICATION_FIELDS =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> SUBSCRIPTION_FIELDS =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  /** SNS signs with a handful of certificates; more distinct URLs than this are fetched, not remembered. */
  private static final int MAX_CACHED = 64;

  private final DetectorProperties.Sns config;
  private final Pattern hostPattern;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
  private final X509Certificate trusted;

  public SnsMessageVerifier(DetectorProperties.Sns config) {
    this.config = config;
    this.hostPattern = Pattern.compile(config.certHostPattern());
    this.trusted =
        config.certificatePem() == null || config.certificatePem().isBlank()
            ? null
            : parseTrusted(config.certificatePem());
  }

  private static X509Certificate parseTrusted(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException(
          "dr.detector.webhooks.sns.certificate-pem is not a PEM X.509 certificate: "
              + e.getMessage(),
          e);
    }
  }

  public void verify(JsonNode message) {
    String type = text(message, "Type");
    List<String> fields =
        switch (type) {
          case "Notification" -> NOTIFICATION_FIELDS;
          case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> SUBSCRIPTION_FIELDS;
          default -> throw new WebhookRejected(400, "unknown SNS message Type '" + type + "'");
        };
    String algorithm =
        switch (text(message, "SignatureVersion")) {
          case "1" -> "SHA1withRSA";
          case "2" -> "SHA256withRSA";
          default ->
              throw new WebhookRejected(
                  400,
                  "unsupported SNS SignatureVersion '" + text(message, "SignatureVersion") + "'");
        };
    if (!config.topicArns().isEmpty() && !config.topicArns().contains(text(message, "TopicArn"))) {
      throw new WebhookRejected(
          403, "SNS topic " + text(message, "TopicArn") + " is not accepted here");
    }
    X509Certificate certificate =
        trusted != null
            ? trusted
            : certificate(trustedUri(text(message, "SigningCertURL"), "SigningCertURL"));
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
      verifier.initVerify(certificate.getPublicKey());
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
    boolean schemeOk =
        "https".equals(uri.getScheme())
            || (config.allowHttpCertUrl() && "http".equals(uri.getScheme()));
    if (!schemeOk || uri.getHost() == null || !hostPattern.matcher(uri.getHost()).matches()) {
      throw new WebhookRejected(403, what + " host " + uri.getHost() + " is not an SNS host");
    }
    return uri;
  }

  private X509Certificate certificate(URI url) {
    X509Certificate cached = certificates.get(url.toString());
    if (cached != null) {
      return cached;
    }
    HttpResponse<byte[]> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookRejected(
          503, "interrupted while fetching the SNS signing certificate from " + url);
    } catch (java.io.IOException | RuntimeException e) {
      throw new WebhookRejected(
          503, "cannot fetch the SNS signing certificate from " + url + ": " + causes(e));
    }
    if (r.statusCode() != 200) {
      throw new WebhookRejected(
          502, "the SNS signing certificate at " + url + " answered HTTP " + r.statusCode());
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(r.body()));
    } catch (java.security.cert.CertificateException e) {
      throw new WebhookRejected(
          502,
          "the SNS signing certificate at "
              + url
              + " is not an X.509 certificate: "
              + e.getMessage());
    }
    if (certificates.size() < MAX_CACHED) {
      certificates.put(url.toString(), certificate);
    }
    return certificate;
  }

  /** Every cause's type and message: a refused connection's own message is often empty. */
  static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < 500; t = t.getCause()) {
      if (!out.isEmpty()) {
        out.append(" <- ");
      }
      out.append(t.getClass().getSimpleName());
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        out.append(": ").append(t.getMessage());
      }
    }
    return out.toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asString();
  }
}
