package dev.embedkit.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process for {@link TempFilesTest}: registers a folder (with a file inside) and a file, releases the file,
 * says "ready" and waits to be stopped.
 */
public final class TempFilesMain {
  private TempFilesMain() {}

  public static void main(String[] args) throws Exception {
    Path folder = TempFiles.register(Path.of(args[0]));
    Files.createDirectories(folder.resolve("onnx"));
    Files.writeString(folder.resolve("onnx/model.onnx"), "half written");
    Path kept = TempFiles.register(Path.of(args[1]));
    Files.writeString(kept, "renamed into place");
    TempFiles.release(kept);
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
