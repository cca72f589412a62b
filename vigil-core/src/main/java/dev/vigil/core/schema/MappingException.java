package dev.vigil.core.schema;

/** A mapping file cannot be read; the message names the file and what is wrong. */
public final class MappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MappingException(String message) {
    super(message, null, false, false);
  }
}
