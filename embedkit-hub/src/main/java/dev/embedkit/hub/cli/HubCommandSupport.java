package dev.embedkit.hub.cli;

import dev.embedkit.hub.HubSettings;
import java.util.function.Supplier;

/** Where the hub commands get their settings: the environment, unless a test or embedding app passes its own. */
final class HubCommandSupport {
  private HubCommandSupport() {}

  static Supplier<HubSettings> fromEnvironment() {
    return HubSettings::fromEnvironment;
  }
}
