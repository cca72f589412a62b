package dev.vigil.cli;

import dev.vigil.core.schema.MappingException;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import dev.vigil.core.time.DateMathException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Which exceptions are the user's input at fault (a message, exit 2) rather than Vigil's bugs. */
final class UserErrors {
  private UserErrors() {}

  static boolean isUserError(Exception exception) {
    return exception instanceof MappingException
        || exception instanceof QueryException
        || exception instanceof DateMathException
        || exception instanceof UncheckedIOException
        || exception instanceof NoSuchFileException
        || exception instanceof AccessDeniedException;
  }

  static String message(Exception exception) {
    if (exception instanceof QueryException query) {
      return Snippets.render(query).stripTrailing();
    }
    Throwable cause = exception instanceof UncheckedIOException ? exception.getCause() : exception;
    if (cause instanceof NoSuchFileException missing) {
      return missing.getFile() + ": no such file";
    }
    if (cause instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    return cause.getMessage();
  }
}
