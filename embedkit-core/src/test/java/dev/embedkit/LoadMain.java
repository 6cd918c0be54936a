package dev.embedkit;

/** Child process for {@link dev.embedkit.model.EmbedkitHomeTest}: loads each argument, printing "KIND message" for each failure. */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) {
    for (String name : args) {
      try (EmbeddingModel model = Embedkit.load(name)) {
        System.out.println("loaded " + name);
      } catch (EmbedkitException e) {
        System.out.println(e.kind() + " " + e.getMessage());
      }
    }
  }
}
