package dev.glassbox.sources.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.Json;
import dev.glassbox.util.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads custom prompt templates.
 *
 * <ul>
 *   <li>{@code .json}: an array (or one object) of
 *       {@code {"name": "...", "prompt": "... {} ...", "extraction": "sentences"|"items"}}, or with
 *       {@code "messages": [{"role": "system"|"user"|"assistant", "content": "..."}]} instead of
 *       {@code "prompt"}. Extraction defaults to {@code sentences}.
 *   <li>{@code .txt}: one template per non-blank line ({@code #} lines are comments), {@code \n}
 *       written as a backslash and {@code n}; named {@code <file stem>-<line>}, extraction
 *       {@code sentences}.
 * </ul>
 */
public final class PromptTemplates {
  private PromptTemplates() {}

  public static List<PromptTemplate> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such prompt template file");
    }
    String name = file.getFileName().toString();
    List<PromptTemplate> out = new ArrayList<>();
    if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      JsonNode root = Json.read(file);
      List<JsonNode> nodes = new ArrayList<>();
      if (root.isArray()) {
        root.forEach(nodes::add);
      } else if (root.isObject()) {
        nodes.add(root);
      } else {
        throw new IllegalArgumentException(file + ": expected a template object or an array of them");
      }
      for (int i = 0; i < nodes.size(); i++) {
        out.add(fromJson(nodes.get(i), file, i));
      }
    } else if (name.toLowerCase(Locale.ROOT).endsWith(".txt")) {
      String stem = name.substring(0, name.length() - 4);
      List<String> lines = TextFiles.readLines(file, "prompt template file");
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i).strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        try {
          out.add(PromptTemplate.of(stem + "-" + (i + 1), l.replace("\\n", "\n"), PromptTemplate.Extraction.SENTENCES));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
    } else {
      throw new IllegalArgumentException(
          "prompt template file " + file + " must be .json (template objects) or .txt (one template per line)");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no prompt templates");
    }
    return out;
  }

  private static PromptTemplate fromJson(JsonNode n, Path file, int i) {
    String where = file + " template " + i;
    if (!n.isObject()) {
      throw new IllegalArgumentException(where + " is not an object");
    }
    String name = n.path("name").asText("").strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException(where + " has no \"name\"");
    }
    String ex = n.path("extraction").asText("sentences").strip().toUpperCase(Locale.ROOT);
    PromptTemplate.Extraction extraction;
    try {
      extraction = PromptTemplate.Extraction.valueOf(ex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " (\"" + name + "\"): extraction must be \"sentences\" or \"items\", got \"" + ex.toLowerCase(Locale.ROOT) + "\"");
    }
    List<ChatMessage> messages = new ArrayList<>();
    try {
      if (n.hasNonNull("prompt")) {
        messages.add(ChatMessage.user(n.get("prompt").asText()));
      } else if (n.path("messages").isArray()) {
        for (JsonNode m : n.get("messages")) {
          messages.add(new ChatMessage(m.path("role").asText("user"), m.path("content").asText("")));
        }
      } else {
        throw new IllegalArgumentException("it needs a \"prompt\" string or a \"messages\" array");
      }
      return new PromptTemplate(name, messages, extraction);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " (\"" + name + "\"): " + e.getMessage(), e);
    }
  }
}
