package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a person who is not logged in is sent. With the identity provider, straight on to it, except
 * after signing out or a refused login, when the page says so and offers to sign in again; with the
 * development login, the form.
 */
@Controller
class LoginPage {

  private final boolean identityProvider;

  LoginPage(ConsoleProperties properties) {
    this.identityProvider = properties.oidc().configured();
  }

  @GetMapping("/login")
  String login(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      Model model) {
    if (identityProvider && error == null && logout == null) {
      return "redirect:" + signInPath();
    }
    model.addAttribute("identityProvider", identityProvider);
    model.addAttribute("signIn", signInPath());
    return "login";
  }

  private static String signInPath() {
    return "/oauth2/authorization/" + ConsoleProperties.Oidc.REGISTRATION_ID;
  }
}
