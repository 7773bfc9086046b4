package dev.glassbox.server;

/**
 * A request the server refuses, with the HTTP status, a short machine-readable error code, the
 * request field at fault (null when no single field is) and a message that names the expected and
 * the actual value. The HTTP layer turns it into {@code {error, field, message, id}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;
  private final String field;
  private final transient Long retryAfterSeconds;

  public ApiException(int status, String error, String field, String message, Long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.error = error;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, "bad_request", field, message, null);
  }

  public static ApiException notFound(String field, String message) {
    return new ApiException(404, "not_found", field, message, null);
  }

  public static ApiException tooLarge(String field, String message) {
    return new ApiException(413, "payload_too_large", field, message, null);
  }

  public static ApiException unsupportedMediaType(String field, String message) {
    return new ApiException(415, "unsupported_media_type", field, message, null);
  }

  public static ApiException conflict(String field, String message) {
    return new ApiException(409, "conflict", field, message, null);
  }

  public static ApiException unprocessable(String field, String message) {
    return new ApiException(422, "unprocessable", field, message, null);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", "Authorization", message, null);
  }

  public static ApiException overloaded(String message, long retryAfterSeconds) {
    return new ApiException(503, "overloaded", null, message, retryAfterSeconds);
  }

  public static ApiException timeout(String message) {
    return new ApiException(504, "timeout", null, message, null);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  /** Seconds a client should wait before retrying, or null. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
