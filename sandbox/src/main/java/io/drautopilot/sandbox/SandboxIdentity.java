package io.drautopilot.sandbox;

import io.drautopilot.aws.AwsAutoConfiguration;
import io.drautopilot.aws.AwsCommandFailuresAutoConfiguration;
import io.drautopilot.identity.IdentityProviderApplication;
import io.drautopilot.identity.ScriptedLogin;
import io.drautopilot.messaging.MessagingAutoConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The drill's OpenID Connect provider (the identity-provider module, Spring Authorization Server) with
 * the drill's people, each with a password made for this drill only: the on-call engineer, two
 * security officers, a viewer and a runbook author. The orchestrator trusts its tokens (RS256, keys
 * from its JWKS); the drill's own approvals log in through it as a person would with drctl (device
 * authorization grant), and people can log in with {@code ./drctl login --issuer ...}.
 */
final class SandboxIdentity implements AutoCloseable {

  /** A person of the drill: user name, password (this drill only) and roles. */
  record Person(String username, String password, List<String> roles) {
    @Override
    public String toString() {
      return username + " " + roles;
    }
  }

  static final String ON_CALL = "oncall";
  static final List<String> SECURITY_OFFICERS = List.of("security-officer-1", "security-officer-2");

  private final ConfigurableApplicationContext context;
  private final String issuer;
  private final Map<String, Person> people;
  private final String consoleSecret;
  private final Map<String, ScriptedLogin.Tokens> tokens = new ConcurrentHashMap<>();
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

  private SandboxIdentity(
      ConfigurableApplicationContext context,
      String issuer,
      Map<String, Person> people,
      String consoleSecret) {
    this.context = context;
    this.issuer = issuer;
    this.people = people;
    this.consoleSecret = consoleSecret;
  }

  /**
   * Starts the provider on {@code port} (its issuer names the port, so it is chosen before the services start), with
   * the incident console's client registered for the console on {@code consolePort}: the provider accepts only the
   * exact redirect URI registered, which names the console's port.
   */
  static SandboxIdentity start(Path state, int port, int consolePort) {
    Map<String, Person> people = new LinkedHashMap<>();
    for (Person p :
        List.of(
            new Person(ON_CALL, password(), List.of("incident-responder")),
            new Person(
                SECURITY_OFFICERS.get(0),
                password(),
                List.of("security-officer", "incident-responder")),
            new Person(
                SECURITY_OFFICERS.get(1),
                password(),
                List.of("security-officer", "incident-responder")),
            new Person("viewer", password(), List.of("viewer")),
            new Person("runbook-author", password(), List.of("runbook-author", "viewer")))) {
      people.put(p.username(), p);
    }
    String issuer = "http://localhost:" + port;
    Map<String, String> props = new LinkedHashMap<>();
    props.put("server.port", Integer.toString(port));
    props.put("dr.identity.issuer", issuer);
    int i = 0;
    for (Person p : people.values()) {
      props.put("dr.identity.users[" + i + "].username", p.username());
      props.put("dr.identity.users[" + i + "].password", "{noop}" + p.password());
      props.put("dr.identity.users[" + i + "].roles", String.join(",", p.roles()));
      i++;
    }
    String consoleSecret = password();
    props.put("dr.identity.clients.console.secret", "{noop}" + consoleSecret);
    props.put(
        "dr.identity.clients.console.redirect-uris",
        "http://localhost:" + consolePort + "/login/oauth2/code/dr-console");
    props.put("dr.identity.clients.automation.secret", "{noop}" + password());
    props.put("dr.identity.clients.automation.roles", "viewer");
    props.put("logging.level.root", "WARN");
    // the provider uses neither Kafka nor AWS, but the drill's classpath brings their
    // auto-configurations: without the
    // exclusion its Kafka admin looks for a broker at localhost:9092 and waits 30 s for it where no
    // in-JVM broker is
    // announced (--processes), and the project's messaging beans need a Kafka template
    props.put(
        "spring.autoconfigure.exclude",
        Stream.of(
                KafkaAutoConfiguration.class,
                MessagingAutoConfiguration.class,
                AwsAutoConfiguration.class,
                AwsCommandFailuresAutoConfiguration.class)
            .map(Class::getName)
            .collect(Collectors.joining(",")));
    ConfigurableApplicationContext ctx =
        ServiceLauncher.start(
            IdentityProviderApplication.class, "identity-provider", state, props, List.of());
    return new SandboxIdentity(ctx, issuer, people, consoleSecret);
  }

  String issuer() {
    return issuer;
  }

  /** The incident console's client secret at the provider (this drill only), for the console's settings. */
  String consoleSecret() {
    return consoleSecret;
  }

  java.util.Collection<Person> people() {
    return people.values();
  }

  /**
   * The person's access token, logging in (device grant as drctl's client, the verification page filled in as the
   * person would) when there is none yet or it is about to expire.
   */
  String accessToken(String username) {
    Instant expiry = expiries.get(username);
    if (expiry == null || Instant.now().isAfter(expiry.minusSeconds(30))) {
      Person p = people.get(username);
      if (p == null) {
        throw new IllegalArgumentException("no such person in the drill: " + username);
      }
      ScriptedLogin.Tokens t =
          new ScriptedLogin(URI.create(issuer)).deviceLogin("drctl", p.username(), p.password());
      tokens.put(username, t);
      expiries.put(username, Instant.now().plusSeconds(t.expiresInSeconds()));
    }
    return tokens.get(username).accessToken();
  }

  /** How a person logs in, for the drill's output: the passwords are this drill's only. */
  String describe() {
    StringBuilder s =
        new StringBuilder(
            "identity provider (OpenID Connect) at "
                + issuer
                + "; log in with ./drctl login --issuer "
                + issuer
                + " as");
    for (Person p : people.values()) {
      s.append("\n      ")
          .append(p.username())
          .append(" / ")
          .append(p.password())
          .append("  ")
          .append(p.roles());
    }
    return s.toString();
  }

  private static String password() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return "SandboxIdentity[" + issuer + "]";
  }
}
