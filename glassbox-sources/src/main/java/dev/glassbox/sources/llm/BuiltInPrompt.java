package dev.glassbox.sources.llm;

import java.util.List;

/**
 * The prompts of the anchors, built in.
 *
 * <p>LaBo (Yang et al., "Language in a Bottle", CVPR 2023) sends GPT-3 five prompts per class, each
 * asking for ten sentences and ending with {@code "1)"} so the model continues a numbered list (the
 * prompts are given in issues #12 and #22 of its repository; the last four are written here in the
 * same pattern as the first). Answers are sentences, turned into phrases by the extractor.
 *
 * <p>Label-free CBM (Oikarinen et al., ICLR 2023) sends GPT-3 three few-shot prompts — important
 * features, superclasses, things commonly seen around — each with two worked examples; its
 * settings are temperature 0.7, max_tokens 256 and two samples per class per prompt. The worked
 * examples here are Glassbox's own, written in the style the paper describes (a quoted class name,
 * then a dash list of short features).
 */
public enum BuiltInPrompt {
  LABO_DESCRIBE("labo-describe", "Use 10 sentences to describe how the {} looks like:\n1)", PromptTemplate.Extraction.SENTENCES),
  LABO_APPEARANCE("labo-appearance", "Use 10 sentences to describe the appearance of the {}:\n1)", PromptTemplate.Extraction.SENTENCES),
  LABO_COLOR("labo-color", "Use 10 sentences to describe the color of the {}:\n1)", PromptTemplate.Extraction.SENTENCES),
  LABO_PATTERN("labo-pattern", "Use 10 sentences to describe the pattern of the {}:\n1)", PromptTemplate.Extraction.SENTENCES),
  LABO_SHAPE("labo-shape", "Use 10 sentences to describe the shape of the {}:\n1)", PromptTemplate.Extraction.SENTENCES),
  LFCBM_IMPORTANT("lfcbm-important", """
      List the most important features for recognizing something as a "strawberry":

      -red, heart-shaped fruit
      -tiny yellow seeds on the surface
      -a green leafy cap
      -glossy skin

      List the most important features for recognizing something as a "bicycle":

      -two spoked wheels
      -a diamond-shaped metal frame
      -pedals and a chain
      -handlebars
      -a narrow seat

      List the most important features for recognizing something as a "{}":
      """, PromptTemplate.Extraction.ITEMS),
  LFCBM_SUPERCLASS("lfcbm-superclass", """
      Give superclasses for the word "robin":

      -songbird
      -bird
      -animal

      Give superclasses for the word "teapot":

      -kitchenware
      -container
      -object

      Give superclasses for the word "{}":
      """, PromptTemplate.Extraction.ITEMS),
  LFCBM_AROUND("lfcbm-around", """
      List the things most commonly seen around a "canoe":

      -calm water
      -a wooden paddle
      -a lake shore
      -life jackets
      -pine trees

      List the things most commonly seen around a "toaster":

      -a kitchen counter
      -slices of bread
      -a power outlet
      -a butter knife

      List the things most commonly seen around a "{}":
      """, PromptTemplate.Extraction.ITEMS);

  private final PromptTemplate template;

  BuiltInPrompt(String name, String prompt, PromptTemplate.Extraction extraction) {
    this.template = PromptTemplate.of(name, prompt, extraction);
  }

  public PromptTemplate template() {
    return template;
  }

  /** LaBo's five prompts. */
  public static List<PromptTemplate> labo() {
    return List.of(LABO_DESCRIBE.template, LABO_APPEARANCE.template, LABO_COLOR.template, LABO_PATTERN.template, LABO_SHAPE.template);
  }

  /** Label-free CBM's three prompts. */
  public static List<PromptTemplate> labelFree() {
    return List.of(LFCBM_IMPORTANT.template, LFCBM_SUPERCLASS.template, LFCBM_AROUND.template);
  }

  /** The built-in template named {@code name} (e.g. {@code labo-color}). */
  public static PromptTemplate named(String name) {
    StringBuilder known = new StringBuilder();
    for (BuiltInPrompt p : values()) {
      if (p.template.name().equals(name)) {
        return p.template;
      }
      known.append(known.length() == 0 ? "" : ", ").append(p.template.name());
    }
    throw new IllegalArgumentException("no built-in prompt \"" + name + "\"; built-in prompts are " + known + " (or give a template file)");
  }
}
