package io.drautopilot.detector.adapter.http;

import io.drautopilot.detector.config.DetectorProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates Alertmanager and generic alerts: {@code Authorization: Bearer <token>} or
 * {@code X-DR-Signature: sha256=<hex HMAC-SHA256 of the raw body>}. Both secrets come from configuration (the
 * environment); comparisons are constant-time and nothing secret is ever echoed or logged.
 */
public class WebhookAuthenticator {

  public static final String SIGNATURE_HEADER = "X-DR-Signature";

  private final DetectorProperties.Webhooks config;

  public WebhookAuthenticator(DetectorProperties.Webhooks config) {
    this.config = config;
  }

  public void authenticate(String authorization, String signature, byte[] body) {
    boolean tokenConfigured = config.token() != null && !config.token().isBlank();
    boolean hmacConfigured = config.hmacSecret() != null && !config.hmacSecret().isBlank();
    if (!tokenConfigured && !hmacConfigured) {
      throw new WebhookRejected(
          401,
          "webhook authentication is not configured (dr.detector.webhooks.token or hmac-secret); "
              + "refusing unauthenticated alerts");
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (tokenConfigured
          && constantTimeEquals(authorization.substring(7).trim(), config.token())) {
        return;
      }
      throw new WebhookRejected(401, "bearer token not accepted");
    }
    if (signature != null) {
      if (!hmacConfigured) {
        throw new WebhookRejected(
            401, "HMAC signatures are not accepted here (no secret configured)");
      }
      String expected = "sha256=" + HexFormat.of().formatHex(hmac(body));
      if (constantTimeEquals(signature.trim().toLowerCase(java.util.Locale.ROOT), expected)) {
        return;
      }
      throw new WebhookRejected(401, SIGNATURE_HEADER + " does not match the body");
    }
    throw new WebhookRejected(
        401,
        "missing credentials: send Authorization: Bearer <token> or "
            + SIGNATURE_HEADER
            + ": sha256=<HMAC-SHA256 of the body>");
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(config.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
