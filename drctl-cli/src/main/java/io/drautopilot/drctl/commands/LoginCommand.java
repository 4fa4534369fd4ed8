package io.drautopilot.drctl.commands;

import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IdentityProvider;
import io.drautopilot.drctl.StoredLogin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Logs in at the OpenID Connect provider and keeps the tokens in the token file the API commands read. A
 * person uses the device authorization grant: drctl prints a URL and a code, the person approves in any
 * browser, drctl polls. A script uses client credentials, the secret from the environment only (a flag's
 * value would show in the process list and the shell's history).
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Log in at the identity provider; the API commands then use the saved token.",
    footer = {
      "",
      "The token file is --token-file, DRCTL_TOKEN_FILE or token-file= if given, else ~/.config/drctl/token",
      "(owner-only). The issuer is --issuer, DRCTL_ISSUER or issuer= in the config file.",
      "",
      "Example:",
      "  drctl login --issuer http://localhost:8087",
      "  DRCTL_CLIENT_SECRET=... drctl login --issuer http://localhost:8087 --client-credentials --client-id dr-automation"
    })
public class LoginCommand extends DrctlCommand {

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      description =
          "The identity provider, e.g. http://localhost:8087 (env DRCTL_ISSUER, config issuer=)")
  String issuer;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "The client drctl logs in as (default drctl, or dr-automation with --client-credentials)")
  String clientId;

  @Option(
      names = "--client-credentials",
      description =
          "Log in as the client itself (scripts); the secret is read from DRCTL_CLIENT_SECRET")
  boolean clientCredentials;

  Clock clock = Clock.systemUTC();
  IdentityProvider.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

  @Override
  public Integer call() {
    IdentityProvider provider =
        new IdentityProvider(settings().issuer(issuer), settings().timeout(), clock);
    Path tokenFile = settings().tokenFile();
    StoredLogin login = clientCredentials ? clientCredentials(provider) : device(provider);
    login.write(tokenFile);
    var claims = StoredLogin.claims(login.accessToken());
    String name = claims.path("preferred_username").asText(claims.path("sub").asText("?"));
    if (common.json()) {
      out()
          .json(
              Map.of(
                  "name",
                  name,
                  "roles",
                  StoredLogin.roles(claims),
                  "expiresAt",
                  String.valueOf(login.expiresAt()),
                  "tokenFile",
                  tokenFile.toString()));
    } else {
      out()
          .line(
              "Logged in as "
                  + name
                  + " ("
                  + String.join(", ", StoredLogin.roles(claims))
                  + "); token saved to "
                  + tokenFile
                  + ", expires "
                  + login.expiresAt()
                  + (login.refreshToken() == null ? "" : ", renewed on use"));
    }
    return DrctlException.OK;
  }

  private StoredLogin device(IdentityProvider provider) {
    String client = clientId == null ? "drctl" : clientId;
    IdentityProvider.DeviceCode code = provider.requestDeviceCode(client);
    String complete = code.verificationUriComplete();
    out()
        .line(
            "To log in, open "
                + (complete != null ? complete : code.verificationUri())
                + " in a browser");
    out()
        .line(
            "and check that it shows the code "
                + code.userCode()
                + (complete != null ? " (or open " + code.verificationUri() + " and type it)" : "")
                + ".");
    out()
        .line(
            "Waiting for the approval (the code expires in "
                + Duration.between(clock.instant(), code.expiresAt()).toMinutes()
                + " min)...");
    IdentityProvider.Tokens tokens = provider.awaitApproval(client, code, sleeper);
    return new StoredLogin(
        provider.issuer(),
        client,
        StoredLogin.DEVICE,
        provider.endpoint("token_endpoint"),
        tokens.accessToken(),
        tokens.refreshToken(),
        tokens.expiresAt());
  }

  private StoredLogin clientCredentials(IdentityProvider provider) {
    String client = clientId == null ? "dr-automation" : clientId;
    String secret = settings().env().get("DRCTL_CLIENT_SECRET");
    if (secret == null || secret.isBlank()) {
      throw DrctlException.usage(
          "--client-credentials reads the client secret from DRCTL_CLIENT_SECRET, which is not set");
    }
    IdentityProvider.Tokens tokens = provider.clientCredentials(client, secret);
    return new StoredLogin(
        provider.issuer(),
        client,
        StoredLogin.CLIENT_CREDENTIALS,
        provider.endpoint("token_endpoint"),
        tokens.accessToken(),
        null,
        tokens.expiresAt());
  }
}
