package io.drautopilot.drctl.commands;

import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.StoredLogin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** Who the saved token says the caller is, read from the token itself: no network, nothing renewed. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description =
        "Show the name, roles and expiry of the saved token (exit 1 when it has expired).",
    footer = {"", "Example:", "  drctl whoami || drctl login --issuer http://localhost:8087"})
public class WhoamiCommand extends DrctlCommand {

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    String token;
    StoredLogin login = null;
    String source;
    String env = settings().env().get("DRCTL_TOKEN");
    Path file = settings().tokenFile();
    if (!Files.isRegularFile(file) && env != null && !env.isBlank()) {
      token = env.strip();
      source = "DRCTL_TOKEN";
    } else {
      try {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        login = StoredLogin.parse(content);
        token = login == null ? content.strip() : login.accessToken();
        source = file.toString();
      } catch (java.io.IOException e) {
        throw DrctlException.usage("not logged in: no token file " + file + " (run drctl login)");
      }
    }
    JsonNode claims = StoredLogin.claims(token);
    Instant expiry = StoredLogin.expiry(login, token);
    Instant now = clock.instant();
    boolean expired = expiry != null && !now.isBefore(expiry);
    String name = claims.path("preferred_username").asString(claims.path("sub").asString(""));
    String issuer =
        claims.path("iss").asString(login == null ? "" : String.valueOf(login.issuer()));
    if (common.json()) {
      Map<String, Object> who = new LinkedHashMap<>();
      who.put("name", name);
      who.put("roles", StoredLogin.roles(claims));
      who.put("expiresAt", expiry == null ? null : expiry.toString());
      who.put("expired", expired);
      who.put("issuer", issuer);
      who.put("renewable", login != null && login.refreshToken() != null);
      who.put("tokenFrom", source);
      out().json(who);
    } else {
      out().line(name.isEmpty() ? "(the token names nobody)" : name);
      out()
          .line(
              "  roles:    "
                  + (StoredLogin.roles(claims).isEmpty()
                      ? "-"
                      : String.join(", ", StoredLogin.roles(claims))));
      out()
          .line(
              "  expires:  "
                  + (expiry == null
                      ? "unknown"
                      : expiry
                          + (expired
                              ? " (expired: run drctl login"
                                  + (login != null && login.refreshToken() != null
                                      ? ", or any API command renews it"
                                      : "")
                                  + ")"
                              : " (in " + minutes(Duration.between(now, expiry)) + ")")));
      out().line("  issuer:   " + (issuer.isEmpty() ? "-" : issuer));
      out().line("  token:    " + source);
    }
    return expired ? DrctlException.NEGATIVE : DrctlException.OK;
  }

  private static String minutes(Duration d) {
    long m = d.toMinutes();
    return m >= 60 ? m / 60 + "h " + m % 60 + "m" : m > 0 ? m + "m" : d.toSeconds() + "s";
  }
}
