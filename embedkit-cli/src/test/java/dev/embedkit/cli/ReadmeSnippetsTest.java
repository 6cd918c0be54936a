package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The Java in the READMEs is real: every ```java block compiles against this build (its imports are part of the
 * block), and the top-level README's blocks run, printing what their {@code // prints: ...} comments say, in order.
 * The module READMEs' blocks need models from the hub, which the build cannot reach: they are compiled, not run.
 */
class ReadmeSnippetsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PRINTS = Pattern.compile("//\\s*prints:\\s*(.+)$");

  @TempDir Path classes;

  record Snippet(Path readme, int number, List<String> imports, List<String> body) {
    String className() {
      return "Snippet" + number;
    }

    String source() {
      return String.join("\n", imports) + "\n\npublic class " + className() + " {\n"
          + "  public static void main(String[] args) throws Exception {\n" + String.join("\n", body) + "\n  }\n}\n";
    }

    List<String> expectedOutput() {
      List<String> expected = new ArrayList<>();
      for (String line : body) {
        Matcher m = PRINTS.matcher(line);
        if (m.find()) {
          expected.add(m.group(1).strip());
        }
      }
      return expected;
    }
  }

  static List<Snippet> snippets(Path readme, int firstNumber) throws IOException {
    List<Snippet> found = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(readme));
    while (m.find()) {
      List<String> imports = new ArrayList<>();
      List<String> body = new ArrayList<>();
      for (String line : m.group(1).split("\n")) {
        (line.startsWith("import ") ? imports : body).add(line);
      }
      found.add(new Snippet(readme, firstNumber + found.size(), imports, body));
    }
    return found;
  }

  private void compile(List<Snippet> snippets) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<Path> sources = new ArrayList<>();
    for (Snippet s : snippets) {
      sources.add(Files.writeString(classes.resolve(s.className() + ".java"), s.source()));
    }
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath",
        System.getProperty("java.class.path"), "-d", classes.toString()));
    sources.forEach(p -> args.add(p.toString()));
    StringWriter errors = new StringWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = compiler.run(null, out, new java.io.OutputStream() {
      @Override
      public void write(int b) {
        errors.write(b);
      }
    }, args.toArray(new String[0]));
    assertEquals(0, code, () -> "README snippets do not compile:\n" + errors + "\nsources:\n"
        + snippets.stream().map(s -> s.readme() + " #" + s.number() + "\n" + s.source()).reduce("", String::concat));
  }

  @Test
  void theTopLevelReadmesJavaCompilesAndRunsAndPrintsWhatItSays() throws Exception {
    List<Snippet> snippets = snippets(ROOT.resolve("README.md"), 0);
    assertFalse(snippets.isEmpty(), "README.md has Java");
    compile(snippets);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      for (Snippet s : snippets) {
        Method main = loader.loadClass(s.className()).getMethod("main", String[].class);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
          main.invoke(null, (Object) new String[0]);
        } finally {
          System.setOut(previous);
        }
        List<String> printed = captured.toString(StandardCharsets.UTF_8).lines().map(String::strip).toList();
        assertEquals(s.expectedOutput(), printed, "README.md snippet " + s.number());
      }
    }
  }

  @Test
  void theModuleReadmesJavaCompiles() throws Exception {
    List<Snippet> all = new ArrayList<>();
    try (var readmes = Files.list(ROOT)) {
      for (Path module : readmes.filter(p -> Files.isRegularFile(p.resolve("README.md"))).sorted().toList()) {
        all.addAll(snippets(module.resolve("README.md"), 100 + all.size()));
      }
    }
    assertTrue(all.size() >= 2, "the hub and image READMEs have Java: " + all.size());
    compile(all);
  }
}
