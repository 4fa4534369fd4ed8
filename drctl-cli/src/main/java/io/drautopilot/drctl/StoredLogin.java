package io.drautopilot.drctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code drctl login} keeps in the token file: the access token, the refresh token if any, and where and
 * as whom to get the next one. A JSON document, so the file says what it holds; a file with a bare token (the
 * older format, or one written by hand) is still read as the token alone. Written readable by its owner only.
 *
 * @param grant {@code device_code} or {@code client_credentials}
 * @param expiresAt when the provider said the access token expires
 */
public record StoredLogin(
    String issuer,
    String clientId,
    String grant,
    String tokenEndpoint,
    String accessToken,
    String refreshToken,
    Instant expiresAt) {

  public static final String DEVICE = "device_code";
  public static final String CLIENT_CREDENTIALS = "client_credentials";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** The stored login, or null when the content is a bare token. */
  public static StoredLogin parse(String content) {
    String text = content.strip();
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonNode n = Output.JSON.readTree(text);
      return new StoredLogin(
          n.path("issuer").asString(null),
          n.path("client_id").asString(null),
          n.path("grant").asString(null),
          n.path("token_endpoint").asString(null),
          n.path("access_token").asString(""),
          n.path("refresh_token").asString(null),
          n.hasNonNull("expires_at") ? Instant.parse(n.get("expires_at").asString("")) : null);
    } catch (RuntimeException e) {
      throw DrctlException.usage(
          "the token file is not a drctl login (" + Drctl.oneLine(e) + "): run drctl login");
    }
  }

  /** Replaces the file in one step, owner-only from the start, so the token is never readable by others. */
  public void write(Path file) {
    ObjectNode n = Output.JSON.createObjectNode();
    n.put("issuer", issuer);
    n.put("client_id", clientId);
    n.put("grant", grant);
    n.put("token_endpoint", tokenEndpoint);
    n.put("access_token", accessToken);
    if (refreshToken != null) {
      n.put("refresh_token", refreshToken);
    }
    if (expiresAt != null) {
      n.put("expires_at", expiresAt.toString());
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path temp = dir.resolve("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      try {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(temp);
      }
      Files.writeString(temp, Output.JSON.writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw DrctlException.usage("cannot write the token file " + file + ": " + Drctl.oneLine(e));
    }
  }

  StoredLogin withTokens(String access, String refresh, Instant expires) {
    return new StoredLogin(
        issuer,
        clientId,
        grant,
        tokenEndpoint,
        access,
        refresh == null ? refreshToken : refresh,
        expires);
  }

  /** The claims of a JWT, read without checking its signature (the API checks it); empty when not a JWT. */
  public static JsonNode claims(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3) {
      return Output.JSON.createObjectNode();
    }
    try {
      return Output.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (JacksonException | IllegalArgumentException e) {
      return Output.JSON.createObjectNode();
    }
  }

  /** When the token expires: the stored time, else the JWT's {@code exp}; null when neither says. */
  public static Instant expiry(StoredLogin login, String token) {
    if (login != null && login.expiresAt() != null) {
      return login.expiresAt();
    }
    JsonNode exp = claims(token).path("exp");
    return exp.isNumber() ? Instant.ofEpochSecond(exp.asLong(0)) : null;
  }

  public static List<String> roles(JsonNode claims) {
    List<String> roles = new ArrayList<>();
    claims.path("roles").forEach(r -> roles.add(r.asString("")));
    return roles;
  }

  @Override
  public String toString() {
    return "StoredLogin[" + clientId + "@" + issuer + ", " + grant + ", expires " + expiresAt + "]";
  }
}
