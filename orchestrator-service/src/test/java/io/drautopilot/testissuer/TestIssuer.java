package io.drautopilot.testissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenID Connect issuer for the tests: Spring Authorization Server on a port of its own
 * (discovery, JWKS, token endpoint). Each person is a client_credentials client whose access
 * tokens carry {@code preferred_username} and the {@code roles} claim, as the sandbox's identity
 * provider will. Its one signing key can be rotated: the old key leaves the JWKS.
 *
 * <p>Outside the orchestrator's packages, so the orchestrator's tests never scan it.
 */
public final class TestIssuer {

  /** Each client's secret (the server wants them distinct). */
  static String secret(String person) {
    return "test-secret-of-" + person;
  }

  /** Person (client id) → roles. */
  static final Map<String, List<String>> PEOPLE = new LinkedHashMap<>();

  static {
    PEOPLE.put("vic.viewer", List.of("viewer"));
    PEOPLE.put("rita.responder", List.of("incident-responder"));
    PEOPLE.put("rhea.responder", List.of("incident-responder"));
    PEOPLE.put("sam.officer", List.of("security-officer"));
    PEOPLE.put("sol.officer", List.of("security-officer", "incident-responder"));
    PEOPLE.put("rae.author", List.of("runbook-author"));
    PEOPLE.put("nora.nobody", List.of());
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigurableApplicationContext context;
  private final int port;

  private TestIssuer(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /** Starts the issuer on a free port; its issuer URI is {@code http://127.0.0.1:<port>}. */
  public static TestIssuer start() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Server.class)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--management.server.port=-1",
                "--springdoc.api-docs.enabled=false",
                "--spring.jmx.enabled=false");
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    return new TestIssuer(context, port);
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public void stop() {
    context.close();
  }

  /** An access token for the person, from the token endpoint (client_credentials). */
  public String token(String person) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((person + ":" + secret(person)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uri() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "token endpoint answered " + answer.statusCode() + ": " + answer.body());
    }
    return JSON.readTree(answer.body()).path("access_token").asString();
  }

  /** Replaces the signing key with a new one; the old one is no longer in the JWKS. */
  public void rotateKeys() {
    context.getBean(RotatingKeys.class).rotate();
  }

  /** A token signed with the issuer's current key but with claims of the test's choosing (another issuer, expired). */
  public String signedWithCurrentKey(JWTClaimsSet claims) throws JOSEException {
    RSAKey key = context.getBean(RotatingKeys.class).current();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** Claims as the issuer would write them for the person, valid from now for {@code lifetime} (negative: already expired). */
  public JWTClaimsSet claims(String person, Duration lifetime) {
    Instant now = Instant.now();
    Instant issued = lifetime.isNegative() ? now.plus(lifetime).minusSeconds(60) : now;
    return new JWTClaimsSet.Builder()
        .issuer(uri())
        .subject(person)
        .claim("preferred_username", person)
        .claim("roles", PEOPLE.get(person))
        .issueTime(Date.from(issued))
        .notBeforeTime(Date.from(issued))
        .expirationTime(Date.from(now.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString())
        .build();
  }

  /** The authorization server itself. */
  @SpringBootApplication(
      proxyBeanMethods = false,
      excludeName = {
        "io.drautopilot.messaging.MessagingAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration"
      })
  public static class Server {

    @Bean
    SecurityFilterChain issuerEndpoints(HttpSecurity http) throws Exception {
      http.oauth2AuthorizationServer(as -> as.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(a -> a.anyRequest().authenticated());
      return http.build();
    }

    @Bean
    RegisteredClientRepository people() {
      return new InMemoryRegisteredClientRepository(
          PEOPLE.keySet().stream()
              .map(
                  person ->
                      RegisteredClient.withId(UUID.randomUUID().toString())
                          .clientId(person)
                          .clientSecret("{noop}" + secret(person))
                          .clientAuthenticationMethod(
                              ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                          .tokenSettings(
                              TokenSettings.builder()
                                  .accessTokenTimeToLive(Duration.ofMinutes(10))
                                  .build())
                          .build())
              .toList());
    }

    /** The person's name and roles in every access token, as the sandbox's identity provider writes them. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
      return context -> {
        String person = context.getRegisteredClient().getClientId();
        context
            .getClaims()
            .claim("preferred_username", person)
            .claim("roles", PEOPLE.getOrDefault(person, List.of()));
      };
    }

    @Bean
    RotatingKeys jwkSource() {
      return new RotatingKeys();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
      return AuthorizationServerSettings.builder().build();
    }
  }

  /** One RSA signing key at a time; rotating replaces it. */
  static final class RotatingKeys implements JWKSource<SecurityContext> {

    private volatile RSAKey current = generate();

    RSAKey current() {
      return current;
    }

    void rotate() {
      current = generate();
    }

    @Override
    public List<com.nimbusds.jose.jwk.JWK> get(
        com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context) {
      return selector.select(new JWKSet(current));
    }

    private static RSAKey generate() {
      try {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
