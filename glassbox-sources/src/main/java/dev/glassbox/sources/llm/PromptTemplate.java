package dev.glassbox.sources.llm;

import dev.glassbox.util.Hashing;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A prompt for one class: chat messages in which {@code {}} or {@code {class}} stands for the class
 * name, and how the answer is turned into concepts.
 *
 * @param name a short name recorded in each concept's provenance
 * @param messages the messages sent, in order; at least one holds the placeholder
 * @param extraction how answers become concepts
 */
public record PromptTemplate(String name, List<ChatMessage> messages, Extraction extraction) {
  /** How an answer becomes concepts. */
  public enum Extraction {
    /**
     * The answer is a list of descriptive sentences (LaBo); each goes through the rule-based
     * phrase extractor, standing in for LaBo's T5 concept extractor.
     */
    SENTENCES,
    /**
     * The answer is a list of short features (Label-free CBM); each item is a concept after light
     * cleaning (articles and trailing punctuation dropped). Items longer than a phrase go through the
     * phrase extractor.
     */
    ITEMS
  }

  public PromptTemplate {
    Objects.requireNonNull(name, "template name");
    Objects.requireNonNull(extraction, "extraction");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a prompt template needs a name");
    }
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("prompt template \"" + name + "\" has no messages");
    }
    boolean placeholder = false;
    for (ChatMessage m : messages) {
      placeholder |= m.content().contains("{}") || m.content().contains("{class}");
    }
    if (!placeholder) {
      throw new IllegalArgumentException(
          "prompt template \"" + name + "\" has no {} placeholder for the class name; write e.g. \"Describe the {}:\"");
    }
  }

  /** A template of one user message. */
  public static PromptTemplate of(String name, String userPrompt, Extraction extraction) {
    return new PromptTemplate(name, List.of(ChatMessage.user(userPrompt)), extraction);
  }

  /** The messages for {@code className}. */
  public List<ChatMessage> render(String className) {
    List<ChatMessage> out = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      out.add(new ChatMessage(m.role(), m.content().replace("{class}", className).replace("{}", className)));
    }
    return out;
  }

  /** SHA-256 of the messages and the extraction (not the name): what the answers depend on. */
  public String hash() {
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, messages.size());
    for (ChatMessage m : messages) {
      Hashing.update(md, m.role());
      Hashing.update(md, m.content());
    }
    Hashing.update(md, extraction.name());
    return Hashing.hex(md.digest());
  }
}
