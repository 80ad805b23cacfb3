package io.canopy.sla.cli;

import io.canopy.sla.SlaReader;
import io.canopy.sla.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar sla-schema-…-cli.jar validate FILE…}: checks SLA files (or the dashboard's
 * {@code {"microservices": [...]}} descriptors) before they are deployed. Prints {@code FILE: ok}
 * or one {@code FILE: $.path: reason} line per violation. Exit status 0 when every file is valid, 1
 * when any has a violation, 2 on a usage error or an unreadable file. {@code -} reads standard
 * input.
 */
public final class ValidateCommand {
  public static final int OK = 0;
  public static final int INVALID = 1;
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      usage: java -jar sla-schema-cli.jar validate FILE...
        Checks Oakestra/Canopy SLA v2.0 files (or dashboard {"microservices": [...]} files)
        and prints every violation as FILE: $.path: reason.
        FILE may be - for standard input.
        exit status: 0 all valid, 1 a file has violations, 2 usage error or unreadable file""";

  private ValidateCommand() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
  }

  /** The whole command, with its streams given, so it runs in-process in tests. */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.size() == 1 && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
      out.println(USAGE_TEXT);
      return OK;
    }
    if (args.isEmpty() || !args.get(0).equals("validate")) {
      err.println(args.isEmpty() ? "no command given" : "unknown command \"" + args.get(0) + "\"");
      err.println(USAGE_TEXT);
      return USAGE;
    }
    List<String> files = args.subList(1, args.size());
    if (files.isEmpty()) {
      err.println("validate needs at least one FILE");
      err.println(USAGE_TEXT);
      return USAGE;
    }
    int status = OK;
    for (String file : files) {
      status = Math.max(status, validate(file, in, out, err));
    }
    return status;
  }

  private static int validate(String file, InputStream in, PrintStream out, PrintStream err) {
    String text;
    try {
      text =
          file.equals("-")
              ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      err.println(file + ": cannot read: " + describe(e));
      return USAGE;
    }
    List<Violation> violations = SlaReader.check(text);
    if (violations.isEmpty()) {
      out.println(file + ": ok");
      return OK;
    }
    for (Violation violation : violations) {
      out.println(file + ": " + violation.path() + ": " + violation.reason());
    }
    return INVALID;
  }

  private static String describe(Exception e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "no such file";
      case java.nio.file.AccessDeniedException a -> "permission denied";
      case java.nio.charset.CharacterCodingException c -> "not UTF-8 text";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
