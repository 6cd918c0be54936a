package dev.embedkit.model;

import java.nio.file.Path;

/** The local Maven repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
public record MavenRepository(Path root) {
  public static MavenRepository local() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return new MavenRepository(Path.of(configured));
    }
    return new MavenRepository(Path.of(System.getProperty("user.home"), ".m2", "repository"));
  }

  /** Path of an artifact's jar in the repository layout. */
  public Path jar(String groupId, String artifactId, String version) {
    return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
        .resolve(artifactId + "-" + version + ".jar");
  }
}
