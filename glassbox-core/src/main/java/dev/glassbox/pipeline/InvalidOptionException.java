package dev.glassbox.pipeline;

/**
 * A method option ({@code name=value}) whose value does not parse as what the option takes (a flag,
 * a number, a list of numbers) or is not finite.
 * The message is the refusal as the method worded it; {@link #option()}, {@link #value()} and
 * {@link #reason()} let a front end name the setting as its user typed it (the CLI's
 * {@code --set NAME=VALUE}).
 */
public final class InvalidOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String option;
  private final String value;
  private final String reason;

  /**
   * @param message the full message, naming the method and the option
   * @param reason what is wrong with the value, without naming the option (e.g. "expected a finite number")
   */
  public InvalidOptionException(String method, String option, String value, String message, String reason) {
    super(message);
    this.method = method;
    this.option = option;
    this.value = value;
    this.reason = reason;
  }

  /** The method whose option it is. */
  public String method() {
    return method;
  }

  /** The option's name, as given. */
  public String option() {
    return option;
  }

  /** The value as given. */
  public String value() {
    return value;
  }

  /** What is wrong with the value and what was expected, without the option's name. */
  public String reason() {
    return reason;
  }
}
