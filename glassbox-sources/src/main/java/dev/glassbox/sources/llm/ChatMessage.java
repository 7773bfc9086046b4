package dev.glassbox.sources.llm;

import java.util.Objects;
import java.util.Set;

/**
 * One message of an OpenAI-style chat request.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text; in a template, {@code {}} (or {@code {class}}) stands for the class name
 */
public record ChatMessage(String role, String content) {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("chat message role must be one of " + ROLES + ", got \"" + role + "\"");
    }
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }
}
