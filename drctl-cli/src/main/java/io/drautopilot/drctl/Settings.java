package io.drautopilot.drctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where drctl connects, resolved once per command: a flag wins over an environment variable, which
 * wins over the config file ({@code --config}, default {@code ~/.config/drctl/config.properties}).
 * The token itself is never kept in a flag or printed; it is read from a file or {@code DRCTL_TOKEN}.
 */
public final class Settings {

  static final String DEFAULT_CONFIG = ".config/drctl/config.properties";

  /** What {@code drctl login} writes when no token file is given, and where the API commands then look. */
  static final String DEFAULT_TOKEN_FILE = ".config/drctl/token";

  /** A token this close to its expiry is renewed before use, so it does not expire on the way to the API. */
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

  private final Common flags;
  private final Map<String, String> env;
  private final Properties file = new Properties();
  private final String configSource;

  Settings(Common flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
    Path config = flags.config;
    boolean explicit = config != null;
    if (config == null) {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      config = home == null ? null : Path.of(home).resolve(DEFAULT_CONFIG);
    }
    configSource = config == null ? null : config.toString();
    if (config != null && Files.isRegularFile(config)) {
      try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
        file.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw DrctlException.usage("cannot read the config file " + config + ": " + e.getMessage());
      }
    } else if (explicit) {
      throw DrctlException.usage("config file " + config + " does not exist");
    }
  }

  public String bootstrap() {
    return required(
        flags.bootstrap, "DRCTL_BOOTSTRAP", "bootstrap", "--bootstrap", "Kafka bootstrap servers");
  }

  public String api() {
    String api = required(flags.api, "DRCTL_API", "api", "--api", "orchestrator API URL");
    return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
  }

  /**
   * The bearer token, from {@code --token-file}, {@code DRCTL_TOKEN_FILE}, the config's {@code token-file},
   * {@code DRCTL_TOKEN}, or the file {@code drctl login} writes by default ({@code ~/.config/drctl/token}).
   * A stored login whose access token has expired is renewed first: with its refresh token, or for client
   * credentials with {@code DRCTL_CLIENT_SECRET}; otherwise the command stops before calling the API.
   */
  public String token() {
    Path explicit = explicitTokenFile();
    if (explicit != null) {
      return fromFile(explicit);
    }
    String token = env.get("DRCTL_TOKEN");
    if (token != null && !token.isBlank()) {
      return unexpired(null, token.strip());
    }
    Path login = defaultTokenFile();
    if (login != null && Files.isRegularFile(login)) {
      return fromFile(login);
    }
    throw DrctlException.usage(
        "this needs a bearer token: run drctl login, or give --token-file, DRCTL_TOKEN_FILE,"
            + " token-file= in the config file or DRCTL_TOKEN");
  }

  /** Where {@code drctl login} writes and {@code drctl whoami} reads: the token file given, else the default. */
  public Path tokenFile() {
    Path explicit = explicitTokenFile();
    if (explicit != null) {
      return explicit;
    }
    Path login = defaultTokenFile();
    if (login == null) {
      throw DrctlException.usage(
          "no home directory for the token file: give --token-file or DRCTL_TOKEN_FILE");
    }
    return login;
  }

  /** The identity provider's issuer URL: the flag, {@code DRCTL_ISSUER} or the config's {@code issuer}. */
  public String issuer(String flag) {
    return required(flag, "DRCTL_ISSUER", "issuer", "--issuer", "identity provider (issuer URL)");
  }

  public Map<String, String> env() {
    return env;
  }

  private Path explicitTokenFile() {
    String path =
        first(
            flags.tokenFile == null ? null : flags.tokenFile.toString(),
            env.get("DRCTL_TOKEN_FILE"),
            file.getProperty("token-file"));
    return path == null ? null : Path.of(path);
  }

  private Path defaultTokenFile() {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return home == null ? null : Path.of(home).resolve(DEFAULT_TOKEN_FILE);
  }

  private String fromFile(Path p) {
    String content;
    try {
      content = Files.readString(p, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw DrctlException.usage(
          "cannot read the token file " + p + ": " + e.getClass().getSimpleName());
    }
    if (content.isEmpty()) {
      throw DrctlException.usage("token file " + p + " is empty");
    }
    StoredLogin login = StoredLogin.parse(content);
    if (login == null) {
      return unexpired(null, content);
    }
    Instant expiry = StoredLogin.expiry(login, login.accessToken());
    if (expiry != null && !Instant.now().plus(RENEW_BEFORE).isBefore(expiry)) {
      StoredLogin renewed = renew(login, expiry);
      if (renewed != null) {
        renewed.write(p);
        return renewed.accessToken();
      }
    }
    return unexpired(login, login.accessToken());
  }

  private StoredLogin renew(StoredLogin login, Instant expiry) {
    IdentityProvider.Tokens tokens;
    if (login.refreshToken() != null) {
      try {
        tokens = IdentityProvider.refresh(login, timeout(), java.time.Clock.systemUTC());
      } catch (DrctlException e) {
        if (Instant.now().isBefore(expiry)) {
          return null;
        }
        throw new DrctlException(
            DrctlException.UNREACHABLE,
            expired(expiry) + " (the refresh failed: " + e.getMessage() + ")",
            e);
      }
    } else if (StoredLogin.CLIENT_CREDENTIALS.equals(login.grant())
        && env.get("DRCTL_CLIENT_SECRET") != null) {
      tokens =
          new IdentityProvider(login.issuer(), timeout(), java.time.Clock.systemUTC())
              .clientCredentials(login.clientId(), env.get("DRCTL_CLIENT_SECRET"));
    } else {
      return null;
    }
    return login.withTokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt());
  }

  private static String unexpired(StoredLogin login, String token) {
    Instant expiry = StoredLogin.expiry(login, token);
    if (expiry != null && !Instant.now().isBefore(expiry)) {
      throw new DrctlException(DrctlException.UNREACHABLE, expired(expiry));
    }
    return token;
  }

  private static String expired(Instant expiry) {
    return "token expired at " + expiry + ": run drctl login";
  }

  /** Kafka client properties: {@code kafka.*} keys of the config file, then {@code --kafka-property} (SASL, TLS, ...). */
  public Map<String, String> kafkaProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : file.stringPropertyNames()) {
      if (name.startsWith("kafka.")) {
        props.put(name.substring("kafka.".length()), file.getProperty(name));
      }
    }
    props.putAll(flags.kafkaProperties);
    return props;
  }

  /** A setting of the config file (e.g. {@code aws.region}, {@code aws.endpoint.s3}), or the environment's. */
  public String optional(String configKey, String envName) {
    return first(env.get(envName), file.getProperty(configKey));
  }

  public List<String> publicKeys() {
    String keys = file.getProperty("public-keys");
    return keys == null || keys.isBlank() ? List.of() : List.of(keys.split("\\s*,\\s*"));
  }

  public Duration timeout() {
    return flags.timeout;
  }

  private String required(String flag, String envName, String key, String option, String what) {
    String value = first(flag, env.get(envName), file.getProperty(key));
    if (value == null || value.isBlank()) {
      throw DrctlException.usage(
          "no "
              + what
              + ": give "
              + option
              + ", "
              + envName
              + " or "
              + key
              + "= in "
              + (configSource == null ? "the config file" : configSource));
    }
    return value.strip();
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
