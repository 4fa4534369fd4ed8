package io.drautopilot.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a server that must be told its port before it binds it: a process given {@code --port} on its
 * command line, or a web application whose address is registered beforehand (the console's redirect URI at the
 * identity provider).
 *
 * <p>Such a port is picked below the system's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range} on
 * Linux, 32768 and up elsewhere). A port of that range, found free and closed again, can be handed straight back by
 * the system to the next server binding port 0 or to the next outgoing connection before its own server binds it:
 * the drill's console once failed to start with "Port … is already in use" because a service, started meanwhile on
 * port 0, had been given the same port. Below the range the system hands out nothing by itself, and a port is
 * never picked twice by one JVM.
 */
public final class FreePorts {

  /** Where picked ports start: above the well-known and most registered services' ports. */
  static final int LOWEST = 10_000;

  /** The usual start of the ephemeral range where the system does not say (Linux's default; higher elsewhere). */
  static final int EPHEMERAL_DEFAULT = 32_768;

  private static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private static final Set<Integer> PICKED = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port nothing listens on now, below the ephemeral range, not picked before by this JVM. */
  public static int pick() {
    return pick(ephemeralStart());
  }

  static int pick(int ephemeralStart) {
    int highest = Math.min(ephemeralStart, 65_536) - 1;
    if (highest - LOWEST >= 1_000) {
      for (int attempt = 0; attempt < 1_000; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
        if (!PICKED.contains(port) && free(port) && PICKED.add(port)) {
          return port;
        }
      }
    }
    // a system whose ephemeral range leaves no room below it: one of the range's, as before
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e.getMessage(), e);
    }
  }

  /** Whether a server could bind the port now, on any address (as a web server does). */
  static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the system's ephemeral range. */
  static int ephemeralStart() {
    try {
      // line by line: a read sized by the file length (0 in /proc) can stop after one byte
      String range = Files.readAllLines(LINUX_RANGE, StandardCharsets.US_ASCII).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return EPHEMERAL_DEFAULT;
    }
  }
}
