package dev.embedkit.hub;

import java.net.URI;
import java.nio.file.Path;

/** Run in child JVMs: pulls args[2] from the hub at args[0] into the cache at args[1]. */
public final class PullMain {
  private PullMain() {}

  public static void main(String[] args) {
    HubSettings settings = new HubSettings(URI.create(args[0]), null, Path.of(args[1]), Path.of(args[1]).resolveSibling("models"),
        false, true, dev.embedkit.progress.ProgressMode.OFF);
    System.out.println(new HubPuller(settings).pull(ModelRef.parse(args[2])).commit());
  }
}
