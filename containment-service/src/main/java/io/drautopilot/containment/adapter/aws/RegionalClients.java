package io.drautopilot.containment.adapter.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One SDK client per region, built on first use; a null region means the configured default. */
public class RegionalClients<C extends AutoCloseable> implements AutoCloseable {

  private static final String DEFAULT = "";

  private final Function<String, C> factory;
  private final Map<String, C> clients = new ConcurrentHashMap<>();

  public RegionalClients(Function<String, C> factory) {
    this.factory = factory;
  }

  public C forRegion(String region) {
    String key = region == null || region.isBlank() ? DEFAULT : region;
    return clients.computeIfAbsent(key, r -> factory.apply(r.isEmpty() ? null : r));
  }

  @Override
  public void close() throws Exception {
    for (C c : clients.values()) {
      c.close();
    }
  }
}
