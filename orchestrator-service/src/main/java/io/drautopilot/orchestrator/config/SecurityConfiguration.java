package io.drautopilot.orchestrator.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading is open; deciding (approve, reject, acknowledge, cancel) and validating or dry-running a
 * runbook need a bearer JWT signed with
 * the configured HMAC secret and, when configured, from the expected issuer. Roles are checked per
 * action by the controller, against the configured role claim.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a
            .requestMatchers(HttpMethod.POST, "/api/incidents/**").authenticated()
            // a dry run parses and plans what it is sent: only for callers with a token
            .requestMatchers(HttpMethod.POST, "/api/runbooks/**").authenticated()
            .anyRequest().permitAll())
        .oauth2ResourceServer(o -> o.jwt(j -> { }));
    return http.build();
  }

  @Bean
  JwtDecoder jwtDecoder(OrchestratorProperties properties) {
    OrchestratorProperties.Security s = properties.getSecurity();
    byte[] secret;
    if (s.getHmacSecret() == null || s.getHmacSecret().isBlank()) {
      // No secret configured: a random one, so no token can be valid (deciding is disabled).
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    } else {
      secret = s.getHmacSecret().getBytes(StandardCharsets.UTF_8);
    }
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
        .macAlgorithm(MacAlgorithm.HS256).build();
    decoder.setJwtValidator(s.getIssuer() == null || s.getIssuer().isBlank()
        ? JwtValidators.createDefault()
        : new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(s.getIssuer())));
    return decoder;
  }

  @Bean
  OpenAPI orchestratorApi() {
    return new OpenAPI().info(new Info().title("DR Autopilot orchestrator").version("v1")
            .description("Incidents, their steps and timelines; approvals, acknowledgements, cancellations; runbooks and dry runs."))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
  }
}
