package io.canopy.net;

/** A kernel command ({@code ip}, {@code nft}, …) failed; the message carries what it said. */
public final class CommandFailedException extends RuntimeException {
  CommandFailedException(String command, int exitCode, String stderr, String input) {
    super(
        "'"
            + command
            + "' failed (exit "
            + exitCode
            + "): "
            + stderr.strip()
            + (input == null ? "" : "\ninput was:\n" + input));
  }
}
