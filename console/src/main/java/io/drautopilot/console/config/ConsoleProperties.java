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
 * @param rpoTarget    the data-loss (RPO) target, the seed's 5 minutes
 * @param drillTarget  the restore time a backup verification or DR drill is judged against (the seed's 900 s)
 * @param topics       what the read model is built from
 * @param notifier     where the post-incident reports are read from
 * @param runbooks     where an environment's own runbook files are, besides the built-in ones
 */
@ConfigurationProperties("dr.console")
public record ConsoleProperties(
    @DefaultValue List<User> users,
    @DefaultValue Orchestrator orchestrator,
    @DefaultValue("15m") Duration rtoTarget,
    @DefaultValue("5m") Duration rpoTarget,
    @DefaultValue("900s") Duration drillTarget,
    @DefaultValue({"dr.incidents.timeline", "dr.commands.progress"}) List<String> topics,
    @DefaultValue Notifier notifier,
    @DefaultValue Runbooks runbooks) {

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
   * @param url     the notifier's base URL: it renders an incident's report from the log
   *                ({@code /incidents/{id}/report.md|html})
   * @param timeout how long to wait for it
   */
  public record Notifier(@DefaultValue("http://localhost:8084") URI url, @DefaultValue("10s") Duration timeout) {}

  /** @param directory the orchestrator's runbooks directory (its {@code dr-runbooks} ConfigMap); none: the built-in runbooks */
  public record Runbooks(java.nio.file.Path directory) {}

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
