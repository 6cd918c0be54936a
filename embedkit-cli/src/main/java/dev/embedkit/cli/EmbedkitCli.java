package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.eval.cli.EvalCommand;
import dev.embedkit.explore.cli.MapCommand;
import dev.embedkit.explore.cli.MineCommand;
import dev.embedkit.image.cli.ClassifyCommand;
import dev.embedkit.io.IoErrors;
import dev.embedkit.server.cli.ServeCommand;
import dev.embedkit.store.cli.CollectionCommand;
import dev.embedkit.store.cli.IndexCommand;
import dev.embedkit.store.cli.SearchCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
    description = "Vector embeddings on the JVM: embed texts and images, compare, classify, evaluate, search collections, map and mine them, serve over HTTP, manage models.",
    subcommands = {EmbedCommand.class, SimilarityCommand.class, ClassifyCommand.class, EvalCommand.class,
        CollectionCommand.class, IndexCommand.class, SearchCommand.class, MapCommand.class, MineCommand.class,
        ModelsCommand.class, ServeCommand.class,
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

  /** Exit code of a run whose stdout was closed by its reader (as a program killed by SIGPIPE reports it). */
  static final int EXIT_BROKEN_PIPE = 141;

  public static void main(String[] args) {
    Logging.configure(args);
    String[] decoded;
    try {
      decoded = Arguments.decode(args);
    } catch (EmbedkitException e) {
      System.err.println("embedkit: " + e.getMessage());
      System.exit(e.kind().exitCode());
      return;
    }
    Signals.install();
    // stdout unwrapped: System.out is a PrintStream, which hides write errors such as a full disk
    int code = run(decoded, new FileOutputStream(FileDescriptor.out), System.err);
    System.exit(Signals.stopping() ? Signals.exitCode() : code);
  }

  /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
  public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
    CheckedOutputStream checked = new CheckedOutputStream(stdout);
    EmbedkitCli root = new EmbedkitCli();
    root.stdout = checked;
    CommandLine cli = commandLine(root);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(checked, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    CheckedOutputStream.Failure failure = checked.failure();
    if (failure != null && code == 0) {
      // a writer that hides errors (PrintWriter) failed; a command that failed has already said why
      code = reportStdoutFailure(failure, err);
    }
    err.flush();
    return code;
  }

  private static int reportStdoutFailure(CheckedOutputStream.Failure failure, PrintWriter err) {
    if (failure.brokenPipe()) {
      return EXIT_BROKEN_PIPE; // the reader went away (e.g. | head): nothing to say, as other tools
    }
    err.println("embedkit: cannot write to stdout: " + IoErrors.reason(failure));
    return EXIT_INTERNAL;
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
    if (Signals.stopping()) {
      return Signals.exitCode(); // the models were closed under the command on Ctrl-C: nothing to report
    }
    PrintWriter err = cli.getErr();
    CheckedOutputStream.Failure stdoutFailure = stdoutFailure(e);
    if (stdoutFailure != null) {
      return reportStdoutFailure(stdoutFailure, err);
    }
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
    IOException io = e instanceof IOException direct ? direct
        : e instanceof UncheckedIOException unchecked ? unchecked.getCause() : null;
    if (io != null) {
      err.println("embedkit: input/output error: " + IoErrors.reason(io) + (Logging.isVerbose() ? "" : " (run with --verbose for details)"));
    } else {
      err.println("embedkit: internal error: " + e + (Logging.isVerbose() ? "" : " (run with --verbose for details)"));
    }
    if (Logging.isVerbose()) {
      e.printStackTrace(err);
    }
    return EXIT_INTERNAL;
  }

  private static CheckedOutputStream.Failure stdoutFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CheckedOutputStream.Failure f) {
        return f;
      }
    }
    return null;
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
