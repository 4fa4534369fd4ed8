package io.drautopilot.console.config;

import io.drautopilot.console.adapter.http.BearerTokens;
import io.drautopilot.console.adapter.http.MintedTokens;
import io.drautopilot.console.adapter.http.PersonsAccessTokens;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may use the console. People log in with the identity provider (OpenID Connect, authorization
 * code with PKCE); their roles come from the ID token's roles claim and the orchestrator is called
 * with their own access token. The development login (a form against {@code dr.console.users}, tokens
 * minted with a shared secret) is the other, explicit, option; {@link ConsoleProperties} refuses to
 * start with neither or both.
 *
 * <p>Either way, reading needs a login and deciding needs a role that may decide something, so a
 * viewer's forged POST stops here, before the orchestrator is called. CSRF protection is on for every
 * form and the session cookie is secure and HTTP-only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** What both logins share: which paths are open, who may POST a decision, the headers. */
  static HttpSecurity consoleRules(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/actuator/info")
                    .permitAll()
                    .requestMatchers(
                        "/login",
                        "/webjars/**",
                        "/console.css",
                        "/console.js",
                        "/favicon.ico",
                        "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/incidents/**")
                    .hasAnyRole(ConsoleProperties.RESPONDER, ConsoleProperties.SECURITY_OFFICER)
                    .anyRequest()
                    .authenticated())
        .logout(l -> l.logoutSuccessUrl("/login?logout").permitAll())
        .headers(
            h ->
                h.contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; "
                                    + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
  }

  /** The console's roles among the claim's values, as authorities; values the console does not know are left out. */
  static Set<GrantedAuthority> roleAuthorities(Object claim) {
    Collection<?> values =
        claim instanceof Collection<?> c
            ? c
            : claim instanceof String s ? List.of(s.trim().split("\\s+")) : List.of();
    Set<GrantedAuthority> authorities = new LinkedHashSet<>();
    for (Object value : values) {
      String role = String.valueOf(value);
      if (ConsoleProperties.ROLES.contains(role)) {
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
      }
    }
    return authorities;
  }

  /** The identity provider is configured: {@code dr.console.oidc.issuer-uri} is not blank. */
  static final class IdentityProviderConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String issuer = context.getEnvironment().getProperty("dr.console.oidc.issuer-uri");
      return issuer != null && !issuer.isBlank();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(IdentityProviderConfigured.class)
  static class IdentityProviderLogin {

    @Bean
    SecurityFilterChain consoleSecurity(
        HttpSecurity http, OAuth2UserService<OidcUserRequest, OidcUser> people) throws Exception {
      consoleRules(http)
          .oauth2Login(
              o ->
                  o.loginPage("/login")
                      .defaultSuccessUrl("/incidents", false)
                      .userInfoEndpoint(u -> u.oidcUserService(people)));
      return http.build();
    }

    /** The provider's endpoints and keys from its discovery document; start-up stops when it cannot be read. */
    @Bean
    ClientRegistrationRepository clientRegistrations(ConsoleProperties properties) {
      ConsoleProperties.Oidc oidc = properties.oidc();
      ClientRegistration.Builder discovered;
      try {
        discovered = ClientRegistrations.fromIssuerLocation(oidc.issuerUri());
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "dr.console.oidc.issuer-uri: could not read the OpenID configuration of "
                + oidc.issuerUri()
                + ": "
                + e.getMessage(),
            e);
      }
      return new InMemoryClientRegistrationRepository(
          discovered
              .registrationId(ConsoleProperties.Oidc.REGISTRATION_ID)
              .clientName("the identity provider")
              .clientId(oidc.clientId())
              .clientSecret(oidc.clientSecret())
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri(oidc.redirectUri())
              .scope(oidc.scopes())
              .userNameAttributeName(oidc.nameClaim())
              // PKCE although the client is confidential: the provider requires it, and a stolen
              // code is then useless
              .clientSettings(
                  ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
              .build());
    }

    /** The person's tokens live in their session, and end with it. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
      return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(
        ClientRegistrationRepository registrations,
        OAuth2AuthorizedClientRepository authorizedClients) {
      DefaultOAuth2AuthorizedClientManager manager =
          new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
      manager.setAuthorizedClientProvider(
          OAuth2AuthorizedClientProviderBuilder.builder()
              .authorizationCode()
              .refreshToken()
              .build());
      return manager;
    }

    /** The person as the ID token says: named by the name claim, with the console's roles from the roles claim. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> people(ConsoleProperties properties) {
      OidcUserService provider = new OidcUserService();
      ConsoleProperties.Oidc oidc = properties.oidc();
      return request -> {
        OidcUser user = provider.loadUser(request);
        return new DefaultOidcUser(
            roleAuthorities(user.getClaims().get(oidc.rolesClaim())),
            user.getIdToken(),
            user.getUserInfo(),
            oidc.nameClaim());
      };
    }

    @Bean
    BearerTokens bearerTokens(OAuth2AuthorizedClientManager clients) {
      return new PersonsAccessTokens(clients, ConsoleProperties.Oidc.REGISTRATION_ID);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty("dr.console.development-login.enabled")
  static class DevelopmentLogin {

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
      consoleRules(http)
          .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/incidents", false).permitAll());
      return http.build();
    }

    @Bean
    BearerTokens bearerTokens(ConsoleProperties properties, Clock clock) {
      return new MintedTokens(properties.orchestrator(), clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
      return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager consoleUsers(ConsoleProperties properties) {
      List<UserDetails> users = properties.users().stream().map(DevelopmentLogin::user).toList();
      Set<String> names = new HashSet<>();
      for (UserDetails u : users) {
        if (!names.add(u.getUsername())) {
          throw new IllegalStateException(
              "dr.console.users: '" + u.getUsername() + "' is listed twice");
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
        throw new IllegalStateException(
            "dr.console.users: the password-hash of '" + u.name() + "' is not a BCrypt hash");
      }
      for (String role : u.roles()) {
        if (!ConsoleProperties.ROLES.contains(role)) {
          throw new IllegalStateException(
              "dr.console.users: '"
                  + u.name()
                  + "' has role '"
                  + role
                  + "'; roles are "
                  + ConsoleProperties.ROLES);
        }
      }
      return User.withUsername(u.name())
          .password(hash)
          .roles(u.roles().toArray(String[]::new))
          .build();
    }
  }
}
