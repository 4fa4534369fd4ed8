package io.drautopilot.console.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code dr.console.*}).
 *
 * @param oidc         the identity provider people log in with (production)
 * @param developmentLogin the form login with {@link #users} and HS256 tokens minted for them: development only
 * @param users        the people who may log in with the development login
 * @param orchestrator where decisions are sent (and, with the development login, how tokens are minted)
 * @param rtoTarget    the RTO target shown until an incident's resolution states its own
 * @param rpoTarget    the data-loss (RPO) target, the seed's 5 minutes
 * @param drillTarget  the restore time a backup verification or DR drill is judged against (the seed's 900 s)
 * @param topics       what the read model is built from
 * @param notifier     where the post-incident reports are read from
 * @param runbooks     where an environment's own runbook files are, besides the built-in ones
 */
@ConfigurationProperties("dr.console")
public record ConsoleProperties(
    @DefaultValue Oidc oidc,
    @DefaultValue DevelopmentLogin developmentLogin,
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
  public static final String RUNBOOK_AUTHOR = "runbook-author";
  public static final List<String> ROLES =
      List.of(VIEWER, RESPONDER, SECURITY_OFFICER, RUNBOOK_AUTHOR);

  /**
   * Exactly one way to log in: an identity provider, or the development login. A console with neither
   * would let nobody in (or, with Boot's default, anyone with a generated password), so it does not start.
   */
  public ConsoleProperties {
    boolean oidcLogin = oidc.configured();
    if (oidcLogin && developmentLogin.enabled()) {
      throw new IllegalStateException(
          "both dr.console.oidc.issuer-uri and dr.console.development-login.enabled are set: "
              + "choose the identity provider, or the development login (development only)");
    }
    if (!oidcLogin && !developmentLogin.enabled()) {
      throw new IllegalStateException(
          "no way to log in: set dr.console.oidc.issuer-uri (with dr.console.oidc.client-secret) "
              + "to log people in with the identity provider, or dr.console.development-login.enabled=true "
              + "(development only: form login with dr.console.users, tokens minted with dr.console.orchestrator.hmac-secret)");
    }
    if (oidcLogin && (oidc.clientSecret() == null || oidc.clientSecret().isBlank())) {
      throw new IllegalStateException(
          "dr.console.oidc.client-secret is not set (DR_CONSOLE_OIDC_CLIENT_SECRET): "
              + "the secret of client '"
              + oidc.clientId()
              + "' at "
              + oidc.issuerUri());
    }
    if (oidcLogin && !users.isEmpty()) {
      throw new IllegalStateException(
          "dr.console.users is for the development login only; with dr.console.oidc.issuer-uri "
              + "people and their roles come from the identity provider");
    }
    if (oidcLogin && orchestrator.hmacSecret() != null && !orchestrator.hmacSecret().isBlank()) {
      throw new IllegalStateException(
          "dr.console.orchestrator.hmac-secret is for the development login only; with "
              + "dr.console.oidc.issuer-uri the orchestrator is called with the person's own access token");
    }
  }

  /**
   * The identity provider (OpenID Connect; authorization code with PKCE, client secret sent as HTTP Basic).
   * The person's name and roles come from the ID token, and the orchestrator is called with their own access
   * token, refreshed with the refresh token when it has expired.
   *
   * @param issuerUri    the provider's issuer, as its tokens' {@code iss} (its discovery document is read at
   *                     start-up); blank: no OIDC login
   * @param clientId     the console's client id at the provider
   * @param clientSecret its secret (from the environment, never the repository)
   * @param redirectUri  where the provider sends the person back; {@code {baseUrl}} is the URL the console is
   *                     called at (behind a proxy, set {@code server.forward-headers-strategy} or give it in full)
   * @param scopes       the scopes asked for ({@code openid} is needed; e.g. add {@code offline_access} where the
   *                     provider issues refresh tokens only for it)
   * @param rolesClaim   the ID token claim with the person's roles (an array, or one space-separated string)
   * @param nameClaim    the ID token claim with the person's name, shown and recorded
   */
  public record Oidc(
      String issuerUri,
      @DefaultValue("dr-console") String clientId,
      String clientSecret,
      @DefaultValue(DEFAULT_REDIRECT_URI) String redirectUri,
      @DefaultValue({"openid", "profile"}) List<String> scopes,
      @DefaultValue("roles") String rolesClaim,
      @DefaultValue("preferred_username") String nameClaim) {

    /** The registration's id: it is part of the redirect URI registered at the provider. */
    public static final String REGISTRATION_ID = "dr-console";

    static final String DEFAULT_REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    public boolean configured() {
      return issuerUri != null && !issuerUri.isBlank();
    }

    @Override
    public String toString() {
      return "Oidc[" + issuerUri + ", " + clientId + "]";
    }
  }

  /** @param enabled form login with {@code dr.console.users} and minted HS256 tokens; development and sandbox only */
  public record DevelopmentLogin(boolean enabled) {}

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
  public record Notifier(
      @DefaultValue("http://localhost:8084") URI url, @DefaultValue("10s") Duration timeout) {}

  /** @param directory the orchestrator's runbooks directory (its {@code dr-runbooks} ConfigMap); none: the built-in runbooks */
  public record Runbooks(java.nio.file.Path directory) {}

  /**
   * @param url           the orchestrator's base URL (its REST API is under {@code /api})
   * @param hmacSecret    development login only: the secret the orchestrator checks minted tokens with
   *                      ({@code dr.orchestrator.security.development-hmac.secret})
   * @param issuer        development login only: the minted tokens' {@code iss}
   *                      ({@code dr.orchestrator.security.development-hmac.issuer})
   * @param roleClaim     development login only: the claim the orchestrator reads roles from
   * @param tokenLifetime development login only: how long one minted token is valid; one is made per request
   * @param timeout       how long to wait for the orchestrator's answer
   */
  public record Orchestrator(
      @DefaultValue("http://localhost:8080") URI url,
      String hmacSecret,
      @DefaultValue("dr-console") String issuer,
      @DefaultValue("roles") String roleClaim,
      @DefaultValue("60s") Duration tokenLifetime,
      @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
      return "Orchestrator[" + url + ", timeout=" + timeout + "]";
    }
  }
}
