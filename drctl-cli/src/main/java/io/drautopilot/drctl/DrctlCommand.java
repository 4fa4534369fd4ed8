package io.drautopilot.drctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: the common options, the environment it runs in, and how it prints. */
public abstract class DrctlCommand implements Callable<Integer> {

  @Mixin protected Common common;

  @Spec protected CommandSpec spec;

  private Settings settings;

  protected Drctl root() {
    return (Drctl) spec.root().userObject();
  }

  protected Settings settings() {
    if (settings == null) {
      settings = new Settings(common, root().env());
    }
    return settings;
  }

  protected Output out() {
    return new Output(root().out());
  }

  /** Notes for the person that must not mix with the command's output (warnings, skipped records). */
  protected void note(String text) {
    root().err().println("drctl: " + text);
    root().err().flush();
  }

  protected boolean debug() {
    return common.debug;
  }
}
