package dev.glassbox.encoders.image;

import java.io.IOException;

/** An image that cannot be decoded, with a reason a report can group by and a readable message. */
public final class ImageDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why an image was refused. */
  public enum Reason {
    /** The file has no bytes. */
    EMPTY,
    /** The file does not start like any image format a reader is installed for. */
    NOT_AN_IMAGE,
    /** The data ends before the image does. */
    TRUNCATED,
    /** The header claims more pixels than the configured limit (a decompression bomb, or just too big). */
    TOO_LARGE,
    /** The data is damaged or uses a feature the reader does not support. */
    CORRUPT,
    /** The file cannot be read (missing, permissions, I/O error). */
    UNREADABLE
  }

  private final Reason reason;
  private final String source;

  public ImageDecodeException(Reason reason, String source, String message, Throwable cause) {
    super(source + ": " + message, cause);
    this.reason = reason;
    this.source = source;
  }

  public ImageDecodeException(Reason reason, String source, String message) {
    this(reason, source, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The file or stream the image came from. */
  public String source() {
    return source;
  }
}
