package dev.glassbox.sources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A concept proposed by a language model.
 *
 * @param model the model name sent in the request
 * @param template the prompt template's name (e.g. {@code labo-describe}, {@code lfcbm-important})
 * @param templateHash SHA-256 of the template's messages, so edited templates are told apart
 * @param temperature the sampling temperature
 * @param maxTokens the completion budget
 * @param sample 0-based sample index for this class and template
 * @param item the list item or sentence of the response the concept was extracted from
 */
public record LlmProvenance(
    String model, String template, String templateHash, double temperature, int maxTokens, int sample, String item)
    implements ConceptProvenance {

  @Override
  public String source() {
    return "llm";
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("template", template);
    m.put("templateHash", templateHash);
    m.put("temperature", Double.toString(temperature));
    m.put("maxTokens", Integer.toString(maxTokens));
    m.put("sample", Integer.toString(sample));
    m.put("item", item);
    return m;
  }
}
