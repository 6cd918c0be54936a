package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.eval.cli.EvalCommand;
import dev.embedkit.image.cli.ClassifyCommand;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code embedkit} command. Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure. Errors are one
 * line on stderr; {@code --verbose} adds stack traces and debug logs.
 */
@Command(
    name = "embedkit",
    mixinStandardHelpOptions = true,
    versionProvider = EmbedkitCli.Version.class,
    description = "Vector embeddings on the JVM: embed texts and images, compare, classify, evaluate, manage models.",
    subcommands = {EmbedCommand.class, SimilarityCommand.class, ClassifyCommand.class, EvalCommand.class, ModelsCommand.class,
        CacheCommand.class, CommandLine.HelpCommand.class})
public final class EmbedkitCli {
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERNAL = 1;

  @Option(names = {"-v", "--verbose"}, description = "Debug logs and stack traces on stderr.", scope = CommandLine.ScopeType.INHERIT)
  void verbose(boolean on) {
    Logging.verbose(on);
  }

  /** Where commands write bytes (npy); text goes through the command line's out writer, which wraps the same stream. */
  private OutputStream stdout = System.out;

  public static void main(String[] args) {
    Logging.configure(args);
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
  public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
    EmbedkitCli root = new EmbedkitCli();
    root.stdout = stdout;
    CommandLine cli = commandLine(root);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The raw stdout, for binary output; flush the text writer first. */
  OutputStream stdout() {
    return stdout;
  }

  static CommandLine commandLine(EmbedkitCli root) {
    CommandLine cli = new CommandLine(root);
    cli.setExecutionExceptionHandler(EmbedkitCli::handleExecutionException);
    cli.setParameterExceptionHandler(EmbedkitCli::handleParameterException);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  private static int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof EmbedkitException ek) {
      err.println("embedkit: " + ek.getMessage());
      if (Logging.isVerbose()) {
        e.printStackTrace(err);
      }
      return ek.kind().exitCode();
    }
    if (e.getCause() instanceof OutOfMemoryError) {
      err.println("embedkit: out of memory; give the JVM more with EMBEDKIT_JAVA_OPTS=-Xmx8g or use smaller inputs");
      return ErrorKind.INTERNAL.exitCode();
    }
    err.println("embedkit: internal error: " + e + (Logging.isVerbose() ? "" : " (run with --verbose for details)"));
    if (Logging.isVerbose()) {
      e.printStackTrace(err);
    }
    return EXIT_INTERNAL;
  }

  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("embedkit: " + e.getMessage() + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
    return EXIT_USAGE;
  }

  /** Version from the jar manifest, or the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = EmbedkitCli.class.getPackage().getImplementationVersion();
      return new String[] {"embedkit " + (version == null ? "0.1.0-SNAPSHOT" : version),
          "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
          "vector maths: " + dev.embedkit.vector.VectorMath.implementation()};
    }
  }
}
