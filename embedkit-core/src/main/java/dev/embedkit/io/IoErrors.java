package dev.embedkit.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns an {@link IOException} into the one-line reason a user reads ("permission denied", "No space left on
 * device"), never a Java class name, and into an {@link EmbedkitException} of the right kind: a path the user named
 * that is missing or not allowed is their input (exit 2); a device that fails while writing is not (exit 1).
 */
public final class IoErrors {
  private IoErrors() {}

  /** Why a file operation failed, in words ("permission denied"): the JDK's messages for these are just the path. */
  public static String reason(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "it is not a folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof FileSystemLoopException) {
      return "symbolic links loop";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason(); // "No space left on device", "Read-only file system"
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replace('\n', ' ');
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
