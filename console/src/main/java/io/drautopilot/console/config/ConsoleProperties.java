package io.drautopilot.console.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code dr.console.*}).
 *
 * @param users        the people who may log in (until an identity provider is configured)
 * @param orchestrator where decisions are sent and how the bearer token is made
 * @param rtoTarget    the RTO target shown until an incident's resolution states its own
 * @param topics       what the read model is built from
 */
@ConfigurationProperties("dr.console")
public record ConsoleProperties(
    @DefaultValue List<User> users,
    @DefaultValue Orchestrator orchestrator,
    @DefaultValue("15m") Duration rtoTarget,
    @DefaultValue({"dr.incidents.timeline", "dr.commands.progress"}) List<String> topics) {

  public static final String VIEWER = "viewer";
  public static final String RESPONDER = "incident-responder";
  public static final String SECURITY_OFFICER = "security-officer";
  public static final List<String> ROLES = List.of(VIEWER, RESPONDER, SECURITY_OFFICER);

  /**
   * One person. {@code passwordHash} is a BCrypt hash ({@code $2a$...} or {@code {bcrypt}$2a$...}),
   * never the password.
   */
  public record User(String name, String passwordHash, @DefaultValue List<String> roles) {}

  /**
   * @param url           the orchestrator's base URL (its REST API is under {@code /api})
   * @param hmacSecret    the secret the orchestrator checks tokens with ({@code dr.orchestrator.security.hmac-secret});
   *                      development and sandbox mode only, until an identity provider issues the tokens
   * @param issuer        the {@code iss} of the tokens (the orchestrator's {@code dr.orchestrator.security.issuer})
   * @param roleClaim     the claim the orchestrator reads roles from
   * @param tokenLifetime how long one minted token is valid; one is made per request
   * @param timeout       how long to wait for the orchestrator's answer
   */
  public record Orchestrator(
      @DefaultValue("http://localhost:8080") URI url,
      String hmacSecret,
      @DefaultValue("dr-console") String issuer,
      @DefaultValue("roles") String roleClaim,
      @DefaultValue("60s") Duration tokenLifetime,
      @DefaultValue("10s") Duration timeout) {}
}
