package io.drautopilot.drctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    return required(flags.bootstrap, "DRCTL_BOOTSTRAP", "bootstrap", "--bootstrap", "Kafka bootstrap servers");
  }

  public String api() {
    String api = required(flags.api, "DRCTL_API", "api", "--api", "orchestrator API URL");
    return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
  }

  /** The bearer token, from {@code --token-file}, {@code DRCTL_TOKEN_FILE}, the config's {@code token-file} or {@code DRCTL_TOKEN}. */
  public String token() {
    String path = first(flags.tokenFile == null ? null : flags.tokenFile.toString(), env.get("DRCTL_TOKEN_FILE"),
        file.getProperty("token-file"));
    if (path != null) {
      Path p = Path.of(path);
      try {
        String token = Files.readString(p, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
          throw DrctlException.usage("token file " + p + " is empty");
        }
        return token;
      } catch (IOException e) {
        throw DrctlException.usage("cannot read the token file " + p + ": " + e.getClass().getSimpleName());
      }
    }
    String token = env.get("DRCTL_TOKEN");
    if (token == null || token.isBlank()) {
      throw DrctlException.usage("this needs a bearer token: give --token-file, DRCTL_TOKEN_FILE, token-file= in the config"
          + " file or DRCTL_TOKEN");
    }
    return token.strip();
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
      throw DrctlException.usage("no " + what + ": give " + option + ", " + envName + " or " + key + "= in "
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
