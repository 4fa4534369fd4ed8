package io.drautopilot.validation.adapter.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs parts 0..n-1 on n threads; the first failure cancels the others and is rethrown as is. */
public final class ParallelParts {

  private ParallelParts() {}

  public static void run(String name, int parts, IntConsumer part) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parts,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < parts; i++) {
        int p = i;
        futures.add(pool.submit(() -> part.accept(p)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          futures.forEach(o -> o.cancel(true));
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(o -> o.cancel(true));
          throw new IllegalStateException("interrupted while reading " + name, e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
