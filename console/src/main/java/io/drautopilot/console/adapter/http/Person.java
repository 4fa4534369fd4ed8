package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The person logged in and the roles the console gives them; pages show only what they may do. */
public record Person(String name, List<String> roles) {

  static Person of(Authentication auth) {
    List<String> roles =
        auth.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring(5))
            .toList();
    return new Person(auth.getName(), roles);
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  public boolean isResponder() {
    return has(ConsoleProperties.RESPONDER);
  }
}
