package dev.embedkit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LangChain4j example in the README is real: every fenced block whose info string is exactly
 * {@code java langchain4j} is compiled (javax.tools, --release 17, this module's test class path; the block's imports
 * at the top, the rest in a main method, as embedkit-cli's ReadmeSnippetsTest does) and run in a child JVM whose
 * working directory is a fresh temp folder (the example writes {@code collections/} there), printing what its
 * {@code // prints: ...} comments say, in order. (embedkit-cli's test takes only blocks whose info string is exactly
 * {@code java}.)
 */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("```java langchain4j\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PRINTS = Pattern.compile("//\\s*prints:\\s*(.+)$");

  @TempDir Path classes;
  @TempDir Path workDir;

  private static List<String> blocks() throws IOException {
    List<String> found = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
    while (m.find()) {
      found.add(m.group(1));
    }
    if (found.isEmpty()) {
      throw new AssertionError("README.md has no ```java langchain4j block");
    }
    return found;
  }

  @Test
  void theLangChain4jExampleCompilesRunsAndPrintsWhatItSays() throws Exception {
    List<String> blocks = blocks();
    for (int n = 0; n < blocks.size(); n++) {
      List<String> imports = new ArrayList<>();
      List<String> body = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (String line : blocks.get(n).split("\n")) {
        (line.startsWith("import ") ? imports : body).add(line);
        Matcher m = PRINTS.matcher(line);
        if (m.find()) {
          expected.add(m.group(1).strip());
        }
      }
      assertThat(expected).as("block %d has a // prints: line", n).isNotEmpty();
      String className = "Lc4jExample" + n;
      Path source = Files.writeString(classes.resolve(className + ".java"), String.join("\n", imports)
          + "\n\npublic class " + className + " {\n  public static void main(String[] args) throws Exception {\n"
          + String.join("\n", body) + "\n  }\n}\n");

      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int code = compiler.run(null, null, errors, "--release", "17", "-proc:none", "-classpath",
          System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
      assertThat(code).as("the example does not compile:\n%s\n%s", errors.toString(StandardCharsets.UTF_8),
          Files.readString(source)).isZero();

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("--add-modules") || arg.startsWith("--enable-native-access") || arg.startsWith("-Xmx")) {
          command.add(arg);
        }
      }
      command.addAll(List.of("-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), className));
      Process process = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectError(workDir.resolve("stderr.txt").toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("exit; stderr:\n%s", Files.readString(workDir.resolve("stderr.txt")))
          .isZero();
      assertThat(out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()).isEqualTo(expected);
      assertThat(workDir.resolve("collections")).isDirectory();
    }
  }
}
