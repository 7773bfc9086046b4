package dev.glassbox.sources.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplatesTest {
  @TempDir Path dir;

  @Test
  void laboPromptsAreTheFiveNumberedTenSentencePrompts() {
    List<PromptTemplate> labo = BuiltInPrompt.labo();
    assertThat(labo).hasSize(5).allSatisfy(t -> {
      assertThat(t.extraction()).isEqualTo(PromptTemplate.Extraction.SENTENCES);
      assertThat(t.render("zebra").get(0).content()).startsWith("Use 10 sentences to describe").contains("the zebra").endsWith(":\n1)");
    });
    assertThat(labo.get(0).render("zebra").get(0).content()).isEqualTo("Use 10 sentences to describe how the zebra looks like:\n1)");
    assertThat(labo).extracting(t -> t.render("x").get(0).content())
        .anyMatch(s -> s.contains("appearance")).anyMatch(s -> s.contains("color"))
        .anyMatch(s -> s.contains("pattern")).anyMatch(s -> s.contains("shape"));
  }

  @Test
  void labelFreePromptsAreFewShotWithTwoWorkedExamples() {
    List<PromptTemplate> lf = BuiltInPrompt.labelFree();
    assertThat(lf).extracting(PromptTemplate::name).containsExactly("lfcbm-important", "lfcbm-superclass", "lfcbm-around");
    for (PromptTemplate t : lf) {
      String p = t.render("zebra").get(0).content();
      assertThat(t.extraction()).isEqualTo(PromptTemplate.Extraction.ITEMS);
      String question = p.substring(0, p.indexOf('"'));
      // The question appears three times: two worked examples, then the class.
      assertThat(p.split(java.util.regex.Pattern.quote(question), -1)).hasSize(4);
      assertThat(p.strip()).endsWith("\"zebra\":");
    }
    assertThat(BuiltInPrompt.LFCBM_IMPORTANT.template().render("x").get(0).content()).startsWith("List the most important features for recognizing something as a");
    assertThat(BuiltInPrompt.LFCBM_SUPERCLASS.template().render("x").get(0).content()).startsWith("Give superclasses for the word");
    assertThat(BuiltInPrompt.LFCBM_AROUND.template().render("x").get(0).content()).startsWith("List the things most commonly seen around a");
  }

  @Test
  void hashDependsOnTheMessagesNotTheName() {
    PromptTemplate a = PromptTemplate.of("a", "Describe the {}", PromptTemplate.Extraction.SENTENCES);
    assertThat(a.hash()).isEqualTo(PromptTemplate.of("b", "Describe the {}", PromptTemplate.Extraction.SENTENCES).hash())
        .isNotEqualTo(PromptTemplate.of("a", "Describe a {}", PromptTemplate.Extraction.SENTENCES).hash())
        .isNotEqualTo(PromptTemplate.of("a", "Describe the {}", PromptTemplate.Extraction.ITEMS).hash());
  }

  @Test
  void templateWithoutPlaceholderIsRejected() {
    assertThatThrownBy(() -> PromptTemplate.of("bad", "Describe birds", PromptTemplate.Extraction.ITEMS))
        .hasMessageContaining("\"bad\"").hasMessageContaining("placeholder");
  }

  @Test
  void readsJsonTemplatesWithPromptOrMessages() throws IOException {
    Path f = dir.resolve("t.json");
    Files.writeString(f, """
        [{"name": "parts", "prompt": "List the parts of a {class}.", "extraction": "items"},
         {"name": "chat", "messages": [{"role": "system", "content": "You are a field guide."},
                                       {"role": "user", "content": "Describe the {}."}]}]""");
    List<PromptTemplate> ts = PromptTemplates.read(f);
    assertThat(ts).extracting(PromptTemplate::name).containsExactly("parts", "chat");
    assertThat(ts.get(0).render("heron").get(0).content()).isEqualTo("List the parts of a heron.");
    assertThat(ts.get(1).extraction()).isEqualTo(PromptTemplate.Extraction.SENTENCES);
    assertThat(ts.get(1).render("heron")).extracting(ChatMessage::role).containsExactly("system", "user");
  }

  @Test
  void readsOneTemplatePerLineFromText() throws IOException {
    Path f = dir.resolve("mine.txt");
    Files.writeString(f, "# my prompts\nDescribe the {} in 5 sentences:\\n1)\n\nWhat colour is the {}?\n");
    List<PromptTemplate> ts = PromptTemplates.read(f);
    assertThat(ts).extracting(PromptTemplate::name).containsExactly("mine-2", "mine-4");
    assertThat(ts.get(0).render("owl").get(0).content()).isEqualTo("Describe the owl in 5 sentences:\n1)");
  }

  @Test
  void badTemplateFileNamesTheTemplate() throws IOException {
    Path f = dir.resolve("t.json");
    Files.writeString(f, "[{\"name\": \"x\", \"prompt\": \"no placeholder\"}]");
    assertThatThrownBy(() -> PromptTemplates.read(f)).hasMessageContaining("t.json").hasMessageContaining("\"x\"").hasMessageContaining("placeholder");
    Path g = dir.resolve("t.yaml");
    Files.writeString(g, "x");
    assertThatThrownBy(() -> PromptTemplates.read(g)).hasMessageContaining(".json").hasMessageContaining(".txt");
  }

  @Test
  void unknownBuiltInIsNamedWithTheKnownOnes() {
    assertThat(BuiltInPrompt.named("labo-color")).isEqualTo(BuiltInPrompt.LABO_COLOR.template());
    assertThatThrownBy(() -> BuiltInPrompt.named("labo-colour")).hasMessageContaining("labo-color").hasMessageContaining("lfcbm-around");
  }

  @Test
  void configRejectsOutOfRangeValuesAndNormalisesTheBaseUrl() {
    assertThat(LlmConfig.defaults().withBaseUrl("http://127.0.0.1:8080/v1/").endpoint().toString())
        .isEqualTo("http://127.0.0.1:8080/v1/chat/completions");
    assertThatThrownBy(() -> LlmConfig.defaults().withTemperature(3)).hasMessageContaining("temperature").hasMessageContaining("[0, 2]");
    assertThatThrownBy(() -> LlmConfig.defaults().withBaseUrl("localhost:8080")).hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> LlmConfig.defaults().withSamplesPerClass(0)).hasMessageContaining("samplesPerClass");
  }
}
