package io.drautopilot.identity.config;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.drautopilot.identity.web.ActivationController;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Two filter chains: the protocol endpoints (OIDC discovery, JWKS, authorize, token, device authorization and
 * verification, userinfo) and everything a person sees (the login form, the device activation page). The
 * people, the clients and the signing key come from {@link IdentityProperties}; everything is in memory, so a
 * restart forgets every grant and session and, without a key file, rotates the signing key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class AuthorizationServerConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain protocolEndpoints(
      HttpSecurity http,
      RegisteredClientRepository clients,
      AuthorizationServerSettings settings,
      CsrfTokenRepository csrfTokens)
      throws Exception {
    PublicClientAuthentication publicClients =
        new PublicClientAuthentication(
            clients, settings.getDeviceAuthorizationEndpoint(), settings.getTokenEndpoint());
    http.oauth2AuthorizationServer(
            server -> {
              http.securityMatcher(server.getEndpointsMatcher());
              server
                  .oidc(Customizer.withDefaults())
                  .clientAuthentication(
                      c ->
                          c.authenticationConverter(publicClients)
                              .authenticationProvider(publicClients))
                  .deviceAuthorizationEndpoint(
                      d -> d.verificationUri(ActivationController.ACTIVATE))
                  .deviceVerificationEndpoint(
                      v ->
                          v.deviceVerificationRequestConverters(
                                  converters ->
                                      converters.replaceAll(
                                          c -> new ConfirmedOnActivationPage(c, csrfTokens)))
                              // the device grant asks for consent even when the client does not
                              // (the default): here the
                              // activation page's own form is the person's confirmation
                              .authenticationProviders(
                                  providers ->
                                      providers.forEach(
                                          p -> {
                                            if (p
                                                instanceof
                                                OAuth2DeviceVerificationAuthenticationProvider
                                                    verification) {
                                              verification.setAuthorizationConsentRequired(
                                                  c ->
                                                      c.getRegisteredClient()
                                                          .getClientSettings()
                                                          .isRequireAuthorizationConsent());
                                            }
                                          }))
                              .deviceVerificationResponseHandler(
                                  new SimpleUrlAuthenticationSuccessHandler(
                                      ActivationController.ACTIVATED)));
            })
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        // the userinfo endpoint takes this provider's own access tokens
        .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()))
        // a browser sent to /oauth2/authorize without a session logs in first
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http, CsrfTokenRepository csrfTokens) throws Exception {
    http.csrf(c -> c.csrfTokenRepository(csrfTokens))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  /** In the session, shared by the pages and the device verification check. */
  @Bean
  CsrfTokenRepository csrfTokens() {
    return new HttpSessionCsrfTokenRepository();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager people(IdentityProperties properties) {
    return new InMemoryUserDetailsManager(
        properties.users().stream()
            .map(
                u ->
                    org.springframework.security.core.userdetails.User.withUsername(u.username())
                        .password(u.password())
                        // the authorities are the roles' claim names: RoleClaims copies them into
                        // the tokens
                        .authorities(u.roles().toArray(String[]::new))
                        .build())
            .toList());
  }

  @Bean
  RegisteredClientRepository clients(IdentityProperties properties) {
    return FirstPartyClients.repository(properties);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
    AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
    if (properties.issuer() != null && !properties.issuer().isBlank()) {
      settings.issuer(properties.issuer().strip());
    }
    return settings.build();
  }

  @Bean
  JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
    return new ImmutableJWKSet<>(new JWKSet(SigningKey.loadOrGenerate(properties.signingKey())));
  }

  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
    return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> roleClaims() {
    return new RoleClaims();
  }
}
