package io.drautopilot.orchestrator.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.adapter.http.ApiAccessDeniedHandler;
import io.drautopilot.orchestrator.adapter.http.ApiAuthenticationEntryPoint;
import io.drautopilot.orchestrator.adapter.http.ApiRoles;
import io.drautopilot.orchestrator.adapter.http.DecisionRateLimit;
import io.drautopilot.orchestrator.adapter.http.SubjectViewLog;
import io.drautopilot.orchestrator.adapter.http.TokenRefusedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may see and do what. Every request under /api needs a bearer access token holding one of
 * {@link ApiRoles} in the role claim; probes and scraping (health, info, prometheus) and the OpenAPI
 * document stay open. Tokens come from an OpenID Connect issuer: RS256/ES256, checked against its
 * JWKS, which Nimbus caches and refetches when a token names a key it does not hold (a rotation).
 * HS256 tokens with a shared secret are a development option, off unless configured. With neither
 * the service still runs its engine, and the API answers 401 saying that no identity provider is
 * configured. What each role may do besides reading is checked by the controllers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  private static final String NOT_CONFIGURED =
      "; no identity provider is configured (dr.orchestrator.security.issuer), "
          + "so no token is accepted";

  private final OrchestratorProperties.Security security;

  public SecurityConfiguration(OrchestratorProperties properties) {
    this.security = properties.security();
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http, JwtDecoder decoder, ObjectProvider<MeterRegistry> meters)
      throws Exception {
    ApiAuthenticationEntryPoint entryPoint =
        new ApiAuthenticationEntryPoint(
            meters.getIfAvailable(SimpleMeterRegistry::new), configured() ? "" : NOT_CONFIGURED);
    ApiAccessDeniedHandler denied = new ApiAccessDeniedHandler(security.roleClaim());
    String[] readers = readerRoles().toArray(String[]::new);
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers(
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/error")
                    .permitAll()
                    .requestMatchers("/api/**", "/actuator/**")
                    .hasAnyAuthority(readers)
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(this::authentication))
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
    return http.build();
  }

  /** The token's roles become its authorities; its name is the person's ({@code preferred_username}, else {@code sub}). */
  private JwtAuthenticationToken authentication(Jwt jwt) {
    String name = jwt.getClaimAsString("preferred_username");
    return new JwtAuthenticationToken(
        jwt,
        ApiRoles.fromClaim(jwt.getClaims().get(security.roleClaim())).stream()
            .map(SimpleGrantedAuthority::new)
            .toList(),
        name == null || name.isBlank() ? jwt.getSubject() : name);
  }

  private List<String> readerRoles() {
    List<String> roles = new ArrayList<>(ApiRoles.ALL);
    if (!roles.contains(security.responderRole())) {
      roles.add(security.responderRole());
    }
    return roles;
  }

  @Bean
  JwtDecoder jwtDecoder() {
    JwtDecoder hmac = developmentHmac();
    if (!blank(security.issuer()) && !security.issuer().contains("://") && hmac == null) {
      throw new IllegalStateException(
          "dr.orchestrator.security.issuer must be the OpenID Connect issuer's URI "
              + "(e.g. https://login.example.com/realms/dr), not '"
              + security.issuer()
              + "'");
    }
    JwtDecoder issuer = issuer();
    if (issuer == null && hmac == null) {
      log.warn(
          "no identity provider is configured (dr.orchestrator.security.issuer, or the development option "
              + "dr.orchestrator.security.development-hmac.*): the engine runs, but every /api request is refused with 401");
    } else if (issuer != null) {
      log.info(
          "API tokens from issuer {} (keys from {}), roles in claim '{}'",
          security.issuer(),
          blank(security.jwkSetUri()) ? "its discovery document" : security.jwkSetUri(),
          security.roleClaim());
    }
    return new BearerTokenDecoder(issuer, hmac);
  }

  private boolean configured() {
    return !blank(security.issuer()) || hmacSecret() != null;
  }

  /** The OpenID Connect issuer's decoder; discovery and key fetching wait for the first token, so a down issuer does not stop the engine. */
  private JwtDecoder issuer() {
    String issuer = security.issuer();
    if (blank(issuer) || !issuer.contains("://")) {
      return null;
    }
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtIssuerValidator(issuer));
    if (!blank(security.audience())) {
      validators.add(new JwtAudienceValidator(security.audience()));
    }
    OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(validators);
    List<SignatureAlgorithm> algorithms =
        security.jwsAlgorithms().stream()
            .map(
                a -> {
                  SignatureAlgorithm alg = SignatureAlgorithm.from(a);
                  if (alg == null) {
                    throw new IllegalStateException(
                        "dr.orchestrator.security.jws-algorithms: "
                            + a
                            + " is not an asymmetric JWS algorithm "
                            + "(e.g. RS256, ES256)");
                  }
                  return alg;
                })
            .toList();
    return new LazyIssuerDecoder(
        () -> {
          URL jwks =
              URI.create(
                      blank(security.jwkSetUri())
                          ? discoverJwkSetUri(issuer)
                          : security.jwkSetUri())
                  .toURL();
          long ttl = security.jwksCacheTtl().toMillis();
          JWKSource<SecurityContext> keys =
              JWKSourceBuilder.<SecurityContext>create(
                      jwks, new DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
                  .cache(ttl, Math.min(ttl, 15_000))
                  .rateLimited(security.jwksMinRefetchInterval().toMillis())
                  .retrying(true)
                  // the issuer unreachable for a while: keys already fetched keep verifying tokens
                  .outageTolerant(Math.max(ttl * 12, Duration.ofHours(1).toMillis()))
                  .build();
          NimbusJwtDecoder decoder =
              NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithms(a -> a.addAll(algorithms)).build();
          decoder.setJwtValidator(validator);
          log.info("identity provider keys from {}", jwks);
          return decoder;
        });
  }

  /** The issuer's {@code jwks_uri}, from its OpenID Connect discovery document (whose {@code issuer} must be this one). */
  static String discoverJwkSetUri(String issuer) throws Exception {
    String location = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    HttpResponse<String> answer =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(location))
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(location + " answered " + answer.statusCode());
    }
    JsonNode document = JsonMapper.builder().build().readTree(answer.body());
    String declared = document.path("issuer").asString("");
    if (!declared.equals(issuer)) {
      throw new IllegalStateException(
          location + " declares issuer '" + declared + "', not '" + issuer + "'");
    }
    String jwks = document.path("jwks_uri").asString("");
    if (jwks.isBlank()) {
      throw new IllegalStateException(location + " names no jwks_uri");
    }
    return jwks;
  }

  /** The development HMAC decoder, or null when that option is off. */
  private JwtDecoder developmentHmac() {
    String secret = hmacSecret();
    if (secret == null) {
      return null;
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException(
          "dr.orchestrator.security.development-hmac.secret must be at least 32 bytes (HS256)");
    }
    String expectedIssuer = security.developmentHmac().issuer();
    if (blank(expectedIssuer) && !blank(security.issuer()) && !security.issuer().contains("://")) {
      // the former meaning of dr.orchestrator.security.issuer: the HMAC tokens' iss (e.g. the
      // console's dr-console)
      expectedIssuer = security.issuer();
      log.warn(
          "dr.orchestrator.security.issuer '{}' is not an issuer URI: taken as the development HMAC tokens' iss "
              + "(set dr.orchestrator.security.development-hmac.issuer instead)",
          expectedIssuer);
    }
    log.warn(
        "DEVELOPMENT ONLY: API tokens signed with a shared HMAC secret are accepted (dr.orchestrator.security."
            + "development-hmac); use an OpenID Connect issuer (dr.orchestrator.security.issuer) anywhere else");
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
    decoder.setJwtValidator(
        blank(expectedIssuer)
            ? JwtValidators.createDefault()
            : JwtValidators.createDefaultWithIssuer(expectedIssuer));
    return decoder;
  }

  /** The development secret: {@code development-hmac.secret} when enabled, or the former {@code hmac-secret}. */
  private String hmacSecret() {
    OrchestratorProperties.Security.DevelopmentHmac dev = security.developmentHmac();
    if (dev.enabled()) {
      if (blank(dev.secret())) {
        throw new IllegalStateException(
            "dr.orchestrator.security.development-hmac.enabled is true but "
                + "dr.orchestrator.security.development-hmac.secret is not set");
      }
      return dev.secret();
    }
    if (!blank(security.hmacSecret())) {
      log.warn(
          "dr.orchestrator.security.hmac-secret is deprecated: it turns on the development HMAC option "
              + "(dr.orchestrator.security.development-hmac.enabled/secret)");
      return security.hmacSecret();
    }
    return null;
  }

  @Bean
  DecisionRateLimit decisionRateLimit() {
    OrchestratorProperties.Security.RateLimit limit = security.decisionRateLimit();
    return new DecisionRateLimit(
        limit.capacity(), limit.period(), Clock.systemUTC(), security.roleClaim());
  }

  @Bean
  SubjectViewLog subjectViewLog(EventPublisher publisher, EventMetadataFactory metadata) {
    return new SubjectViewLog(
        publisher, metadata, Clock.systemUTC(), security.subjectViewRecordInterval());
  }

  @Bean
  WebMvcConfigurer decisionRateLimiting(DecisionRateLimit limit) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        // decisions only (every POST under an incident); validating a runbook is not a decision
        registry.addInterceptor(limit).addPathPatterns("/api/incidents/**");
      }
    };
  }

  @Bean
  OpenAPI orchestratorApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("DR Autopilot orchestrator")
                .version("v1")
                .description(
                    "Incidents, their steps and timelines; approvals, acknowledgements, cancellations; runbooks and dry runs. "
                        + "Every call needs a bearer access token with one of the roles "
                        + String.join(", ", ApiRoles.ALL)
                        + "."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Builds the issuer's decoder at the first token, and again at the next one when that failed (issuer down). */
  private static final class LazyIssuerDecoder implements JwtDecoder {

    interface Factory {
      JwtDecoder create() throws Exception;
    }

    private final Factory factory;
    private volatile JwtDecoder decoder;

    LazyIssuerDecoder(Factory factory) {
      this.factory = factory;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
      JwtDecoder d = decoder;
      if (d == null) {
        synchronized (this) {
          if (decoder == null) {
            try {
              decoder = factory.create();
            } catch (Exception e) {
              log.warn("identity provider not reachable: {}", e.toString());
              throw new TokenRefusedException(
                  TokenRefusedException.Reason.ISSUER_UNAVAILABLE,
                  "the identity provider could not be reached to check the token: "
                      + e.getMessage(),
                  e);
            }
          }
          d = decoder;
        }
      }
      return d.decode(token);
    }
  }
}
