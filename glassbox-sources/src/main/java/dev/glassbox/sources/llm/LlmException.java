package dev.glassbox.sources.llm;

/** A failure talking to the language model: unreachable, refused, rate-limited past the retries, or a malformed answer. */
public final class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LlmException(String message) {
    super(message);
  }

  public LlmException(String message, Throwable cause) {
    super(message, cause);
  }
}
