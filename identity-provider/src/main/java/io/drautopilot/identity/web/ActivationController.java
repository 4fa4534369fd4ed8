package io.drautopilot.identity.web;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The device grant's verification page: a person logged in here types the code drctl printed, and the form
 * goes to the authorization server's device verification endpoint. Spring Authorization Server has no such
 * page of its own; two plain pages need no template engine.
 */
@Controller
public class ActivationController {

  /** The {@code verification_uri} of every device authorization response. */
  public static final String ACTIVATE = "/activate";

  /** Where a person lands once the code is accepted. */
  public static final String ACTIVATED = "/activated";

  private static final String VERIFICATION_ENDPOINT = "/oauth2/device_verification";

  @GetMapping(ACTIVATE)
  ResponseEntity<String> activate(
      @RequestParam(name = "user_code", required = false) String userCode,
      CsrfToken csrf,
      Principal person) {
    String code = userCode == null ? "" : HtmlUtils.htmlEscape(userCode);
    return html(
        "Activate drctl",
        """
        <p>Signed in as <strong>%s</strong>. Enter the code drctl printed to let it act as you.</p>
        <form method="post" action="%s">
          <input type="hidden" name="%s" value="%s">
          <label>Code <input type="text" name="user_code" value="%s" autocomplete="off" autofocus required></label>
          <button type="submit">Activate</button>
        </form>"""
            .formatted(
                HtmlUtils.htmlEscape(person.getName()),
                VERIFICATION_ENDPOINT,
                HtmlUtils.htmlEscape(csrf.getParameterName()),
                HtmlUtils.htmlEscape(csrf.getToken()),
                code));
  }

  @GetMapping(ACTIVATED)
  ResponseEntity<String> activated() {
    return html(
        "drctl activated",
        "<p>drctl is signed in. You can close this page and return to the terminal.</p>");
  }

  private static ResponseEntity<String> html(String title, String body) {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body(
            """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
        <body><h1>%s</h1>
        %s
        </body></html>
        """
                .formatted(title, title, body));
  }
}
