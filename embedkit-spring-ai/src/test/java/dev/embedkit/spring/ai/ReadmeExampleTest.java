package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring AI example in the README is real: every fenced block whose info string is exactly {@code java spring-ai}
 * compiles against this build (--release 17, the test class path) and runs with a fresh collections root (and no
 * banner or web server), printing
 * what its {@code // prints: ...} comments say, in order. A block that declares a class (the
 * {@code @SpringBootApplication} example) is compiled as it is; any other block is wrapped in a main method, its
 * imports kept on top. The blocks come from the repository's README.md.
 */
class ReadmeExampleTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String INFO = "java spring-ai";
  private static final Pattern BLOCK = Pattern.compile("^```" + Pattern.quote(INFO) + "[ \\t]*\\n(.*?)^```",
      Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern PRINTS = Pattern.compile("//\\s*prints:\\s*(.+)$");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

  @TempDir
  Path work;

  record Block(Path source, int number, String text) {
    boolean declaresClass() {
      return text.contains("class ");
    }

    String className() {
      if (!declaresClass()) {
        return "SpringAiSnippet" + number;
      }
      Matcher name = PUBLIC_CLASS.matcher(text);
      if (!name.find()) {
        throw new AssertionError(source + " block " + number + " declares a class but no public one");
      }
      Matcher pkg = PACKAGE.matcher(text);
      return (pkg.find() ? pkg.group(1) + "." : "") + name.group(1);
    }

    String javaSource() {
      if (declaresClass()) {
        return text;
      }
      List<String> imports = new ArrayList<>();
      List<String> body = new ArrayList<>();
      for (String line : text.split("\n")) {
        (line.startsWith("import ") ? imports : body).add(line);
      }
      return String.join("\n", imports) + "\n\npublic class " + className() + " {\n"
          + "  public static void main(String[] args) throws Exception {\n" + String.join("\n", body) + "\n  }\n}\n";
    }

    List<String> expectedOutput() {
      List<String> expected = new ArrayList<>();
      for (String line : text.split("\n")) {
        Matcher m = PRINTS.matcher(line);
        if (m.find()) {
          expected.add(m.group(1).strip());
        }
      }
      return expected;
    }
  }

  /** The README's blocks. */
  static List<Block> blocks() throws IOException {
    Path source = ROOT.resolve("README.md");
    List<Block> found = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(source));
    while (m.find()) {
      found.add(new Block(source, found.size(), m.group(1)));
    }
    return found;
  }

  @Test
  void theSpringAiExampleCompilesRunsAndPrintsWhatItSays() throws Exception {
    List<Block> blocks = blocks();
    assertThat(blocks).as("a ```" + INFO + " block in README.md").isNotEmpty();
    for (Block block : blocks) {
      Path classes = Files.createDirectories(work.resolve("classes" + block.number()));
      compile(block, classes);
      Path collections = work.resolve("collections" + block.number());
      List<String> printed;
      try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
          getClass().getClassLoader())) {
        Method main = loader.loadClass(block.className()).getMethod("main", String[].class);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
          main.invoke(null, (Object) new String[] {"--embedkit.collections-root=" + collections,
              "--spring.main.banner-mode=off",
              // the test class path has a servlet API (the starter does not bring one): no web server here
              "--spring.main.web-application-type=none"});
        } finally {
          System.setOut(previous);
        }
        printed = captured.toString(StandardCharsets.UTF_8).lines().map(String::strip)
            .filter(line -> !line.isEmpty()).toList();
      }
      assertThat(printed).as(block.source() + " block " + block.number()).isEqualTo(block.expectedOutput());
    }
  }

  private static void compile(Block block, Path classes) throws IOException {
    String name = block.className();
    Path file = classes.resolve(name.substring(name.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, block.javaSource());
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int code = compiler.run(null, new ByteArrayOutputStream(), new java.io.OutputStream() {
      @Override
      public void write(int b) {
        errors.write(b);
      }
    }, "--release", "17", "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d",
        classes.toString(), file.toString());
    assertThat(code).as(() -> block.source() + " block " + block.number() + " does not compile:\n" + errors
        + "\nsource:\n" + block.javaSource()).isZero();
  }
}
