package io.drautopilot.identity.config;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * A device is approved only by the activation page's own form. With the consent screen off, the device
 * verification endpoint would approve whatever code reaches it in a logged-in person's browser, and the
 * authorization server exempts its endpoints from CSRF protection: a link or a cross-site form carrying an
 * attacker's user code would hand the person's identity to the attacker's drctl. So a verification request
 * must be a POST carrying the session's CSRF token, which only the activation page has.
 */
final class ConfirmedOnActivationPage implements AuthenticationConverter {

  private final AuthenticationConverter delegate;
  private final CsrfTokenRepository csrfTokens;
  private final XorCsrfTokenRequestAttributeHandler masked =
      new XorCsrfTokenRequestAttributeHandler();

  ConfirmedOnActivationPage(AuthenticationConverter delegate, CsrfTokenRepository csrfTokens) {
    this.delegate = delegate;
    this.csrfTokens = csrfTokens;
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    Authentication converted = delegate.convert(request);
    if (converted == null) {
      return null;
    }
    CsrfToken expected = csrfTokens.loadToken(request);
    String given = expected == null ? null : masked.resolveCsrfTokenValue(request, expected);
    if (!"POST".equals(request.getMethod())
        || given == null
        || !MessageDigest.isEqual(
            expected.getToken().getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8))) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_REQUEST, "enter the code on the activation page", null));
    }
    return converted;
  }
}
