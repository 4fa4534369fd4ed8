package io.drautopilot.console.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Form login with the people from {@code dr.console.users} (the development and sandbox identity
 * until an identity provider is configured). Reading needs a login; deciding needs a role that may
 * decide something, so a viewer's forged POST stops here, before the orchestrator is called.
 * CSRF protection is on for every form and the session cookie is secure and HTTP-only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
            .requestMatchers("/login", "/webjars/**", "/console.css", "/console.js", "/favicon.ico", "/error").permitAll()
            .requestMatchers(HttpMethod.POST, "/incidents/**")
                .hasAnyRole(ConsoleProperties.RESPONDER, ConsoleProperties.SECURITY_OFFICER)
            .anyRequest().authenticated())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/incidents", false).permitAll())
        .logout(l -> l.logoutSuccessUrl("/login?logout").permitAll())
        .headers(h -> h
            .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager consoleUsers(ConsoleProperties properties) {
    List<UserDetails> users = properties.users().stream().map(SecurityConfiguration::user).toList();
    Set<String> names = new HashSet<>();
    for (UserDetails u : users) {
      if (!names.add(u.getUsername())) {
        throw new IllegalStateException("dr.console.users: '" + u.getUsername() + "' is listed twice");
      }
    }
    return new InMemoryUserDetailsManager(users);
  }

  private static UserDetails user(ConsoleProperties.User u) {
    if (u.name() == null || u.name().isBlank()) {
      throw new IllegalStateException("dr.console.users: a user has no name");
    }
    String hash = u.passwordHash() == null ? "" : u.passwordHash().trim();
    if (hash.startsWith("$2")) {
      hash = "{bcrypt}" + hash;
    }
    if (!hash.startsWith("{bcrypt}$2")) {
      throw new IllegalStateException("dr.console.users: the password-hash of '" + u.name() + "' is not a BCrypt hash");
    }
    for (String role : u.roles()) {
      if (!ConsoleProperties.ROLES.contains(role)) {
        throw new IllegalStateException("dr.console.users: '" + u.name() + "' has role '" + role + "'; roles are "
            + ConsoleProperties.ROLES);
      }
    }
    return User.withUsername(u.name()).password(hash).roles(u.roles().toArray(String[]::new)).build();
  }
}
