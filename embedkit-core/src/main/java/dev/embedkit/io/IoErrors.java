package dev.embedkit.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns an {@link IOException} into the one-line reason a user reads ("permission denied", "No space left on
 * device"), never a Java class name, and into an {@link EmbedkitException} of the right kind: a path the user named
 * that is missing or not allowed is their input (exit 2); a device that fails while writing is not (exit 1).
 */
public final class IoErrors {
  private IoErrors() {}

  /** The reason alone, e.g. "permission denied". */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** "cannot ACTION WHAT: reason", of the kind the error calls for. */
  public static EmbedkitException of(String action, Object what, IOException e) {
    return new EmbedkitException(kind(e), "cannot " + action + " " + what + ": " + reason(e), e);
  }

  /** Missing, forbidden or mistyped paths are the user's input; anything else is a failure of the machine. */
  public static ErrorKind kind(IOException e) {
    if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
      return ErrorKind.NOT_FOUND;
    }
    if (e instanceof AccessDeniedException || e instanceof FileAlreadyExistsException) {
      return ErrorKind.INVALID_INPUT;
    }
    return ErrorKind.INTERNAL;
  }
}
