package dev.glassbox.sources.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConceptFilesTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static Concept byText(List<Concept> cs, String text) {
    return cs.stream().filter(c -> c.text().equals(text)).findFirst().orElseThrow(() -> new AssertionError("no concept " + text + " in " + cs));
  }

  @Test
  void plainTextSkipsBlankLinesAndCommentsAndRecordsLineNumbers() throws IOException {
    Path f = write("concepts.txt", "# my concepts\nyellow crown\n\n  striped wings  \nyellow crown\n");
    assertThat(ConceptFiles.detect(f)).isEqualTo(ConceptFileFormat.PLAIN_TEXT);
    List<Concept> cs = ConceptFiles.read(f);
    assertThat(cs).extracting(Concept::text).containsExactly("yellow crown", "striped wings");
    assertThat(byText(cs, "striped wings").metadata()).containsEntry("position", "4").containsEntry("file", "concepts.txt")
        .containsEntry("format", "text");
    assertThat(cs.get(0).source()).isEqualTo("file");
    assertThat(cs.get(0).proposedBy()).isNull();
  }

  @Test
  void labelFreeConceptSetIsRecognisedByItsName() throws IOException {
    Path f = write("cifar10_filtered.txt", "a long neck\nfeathers\n");
    assertThat(ConceptFiles.detect(f)).isEqualTo(ConceptFileFormat.LFCBM_CONCEPT_SET);
    assertThat(ConceptFiles.read(f)).extracting(Concept::text).containsExactly("a long neck", "feathers");
    assertThat(ConceptFiles.read(f).get(0).metadata()).containsEntry("format", "lfcbm-concept-set");
  }

  @Test
  void laboClass2ConceptsKeepsSharedPhrasesOnceWithEveryProposingClass() throws IOException {
    Path f = write("class2concepts.json", """
        {"zebra": ["black and white stripes", "four legs", "mane"],
         "horse": ["four legs", "mane", "saddle"],
         "goldfinch": ["yellow body"]}""");
    assertThat(ConceptFiles.detect(f)).isEqualTo(ConceptFileFormat.LABO_CLASS2CONCEPTS);
    List<Concept> cs = ConceptFiles.read(f);
    assertThat(cs).extracting(Concept::text).containsExactly("black and white stripes", "four legs", "mane", "saddle", "yellow body");
    Concept legs = byText(cs, "four legs");
    assertThat(legs.proposedBy()).isEqualTo("zebra");
    assertThat(legs.metadata()).containsEntry("classes", "[\"zebra\",\"horse\"]").containsEntry("format", "labo-class2concepts");
    assertThat(legs.proposingClasses()).containsExactly("zebra", "horse");
    assertThat(byText(cs, "saddle").proposingClasses()).containsExactly("horse");
  }

  @Test
  void labelFreeGptJsonRecordsItsPromptKind() throws IOException {
    Path f = write("gpt3_cifar10_around.json", "{\"airplane\": [\"clouds\", \"runway\"], \"ship\": [\"water\"]}");
    assertThat(ConceptFiles.detect(f)).isEqualTo(ConceptFileFormat.LFCBM_GPT_JSON);
    List<Concept> cs = ConceptFiles.read(f);
    assertThat(cs).extracting(Concept::text).containsExactly("clouds", "runway", "water");
    assertThat(cs.get(0).metadata()).containsEntry("prompt", "around").containsEntry("format", "lfcbm-gpt-json");
    assertThat(cs.get(2).proposedBy()).isEqualTo("ship");
  }

  @Test
  void glassboxJsonKeepsTheSourceAndMetadataItCarries() throws IOException {
    Path f = dir.resolve("set.json");
    ConceptSetFiles.write(f, new ConceptSet(List.of(new Concept("red crest", "llm", "cardinal", Map.of("model", "m1")))));
    assertThat(ConceptFiles.detect(f)).isEqualTo(ConceptFileFormat.GLASSBOX_JSON);
    Concept c = ConceptFiles.read(f).get(0);
    assertThat(c).isEqualTo(new Concept("red crest", "llm", "cardinal", Map.of("model", "m1")));
  }

  @Test
  void csvWithHeaderReadsColumnsByNameAndHonoursQuotes() throws IOException {
    Path f = write("c.csv", "class,text,source\n"
        + "zebra,\"black, white stripes\",llm\n"
        + "goldfinch,\"a \"\"golden\"\" crown\",manual\n"
        + "goldfinch,\"two-line\nnote\",\n");
    List<Concept> cs = ConceptFiles.read(f);
    assertThat(cs).extracting(Concept::text).containsExactly("black, white stripes", "a \"golden\" crown", "two-line note");
    assertThat(cs.get(0).proposedBy()).isEqualTo("zebra");
    assertThat(cs.get(0).metadata()).containsEntry("originalSource", "llm").containsEntry("position", "2");
    assertThat(cs.get(2).metadata()).containsEntry("position", "4").doesNotContainKey("originalSource");
  }

  @Test
  void csvHeaderWithFurtherColumnsKeepsThemAsMetadata() throws IOException {
    Path f = write("c.csv", "id,concept,class,score\n7,striped,zebra,0.9\n8,yellow crown,goldfinch,\n");
    List<Concept> cs = ConceptFiles.read(f);
    assertThat(cs).extracting(Concept::text).containsExactly("striped", "yellow crown");
    assertThat(cs).extracting(Concept::proposedBy).containsExactly("zebra", "goldfinch");
    assertThat(cs.get(0).metadata()).containsEntry("id", "7").containsEntry("score", "0.9").doesNotContainKey("originalSource");
    assertThat(cs.get(1).metadata()).containsEntry("id", "8").doesNotContainKey("score");
    // A header naming only a text column and an unknown one: class-free concepts, the note kept.
    Path g = write("d.csv", "concept,note\nstriped,seen in the wild\nwings,\n");
    List<Concept> ds = ConceptFiles.read(g);
    assertThat(ds).extracting(Concept::text).containsExactly("striped", "wings");
    assertThat(ds).extracting(Concept::proposedBy).containsExactly(null, null);
    assertThat(ds.get(0).metadata()).containsEntry("note", "seen in the wild");
    // Class and source columns but no text column is still an error naming the header.
    Path h = write("e.csv", "class,source\nzebra,llm\n");
    assertThatThrownBy(() -> ConceptFiles.read(h)).hasMessageContaining("no text column").hasMessageContaining("[class, source]");
  }

  @Test
  void csvWithoutHeaderIsTextClassSource() throws IOException {
    Path f = write("c.csv", "yellow crown,goldfinch\nstriped,zebra,wordnet\nplain concept\n");
    List<Concept> cs = ConceptFiles.read(f);
    assertThat(cs).extracting(Concept::text).containsExactly("yellow crown", "striped", "plain concept");
    assertThat(cs).extracting(Concept::proposedBy).containsExactly("goldfinch", "zebra", null);
  }

  @Test
  void tsvUsesTabs() throws IOException {
    Path f = write("c.tsv", "text\tclass\nred, shiny body\tfire engine\n");
    assertThat(ConceptFiles.read(f)).singleElement().satisfies(c -> {
      assertThat(c.text()).isEqualTo("red, shiny body");
      assertThat(c.proposedBy()).isEqualTo("fire engine");
    });
  }

  @Test
  void unclosedQuoteNamesTheLineItStartsOn() throws IOException {
    Path f = write("bad.csv", "text\nok\n\"never closed,zebra\n");
    assertThatThrownBy(() -> ConceptFiles.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv").hasMessageContaining("line 3").hasMessageContaining("never closed");
  }

  @Test
  void unknownExtensionNamesTheFileAndEveryAcceptedFormat() throws IOException {
    Path f = write("concepts.yaml", "- stripes\n");
    assertThatThrownBy(() -> ConceptFiles.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("concepts.yaml").hasMessageContaining(".yaml")
        .hasMessageContaining("class2concepts.json").hasMessageContaining("CSV").hasMessageContaining("one concept per line")
        .hasMessageContaining("Label-free CBM");
  }

  @Test
  void binaryFileWithoutExtensionIsRejectedAsUnknown() throws IOException {
    Path f = dir.resolve("blob");
    Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
    assertThatThrownBy(() -> ConceptFiles.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blob").hasMessageContaining("binary").hasMessageContaining("Accepted formats");
  }

  @Test
  void extensionlessJsonIsSniffed() throws IOException {
    Path f = write("class2concepts", "{\"zebra\": [\"stripes\"]}");
    assertThat(ConceptFiles.detect(f)).isEqualTo(ConceptFileFormat.LABO_CLASS2CONCEPTS);
  }

  @Test
  void jsonObjectWithANonListValueIsAnUnknownFormat() throws IOException {
    Path f = write("x.json", "{\"zebra\": \"stripes\"}");
    assertThatThrownBy(() -> ConceptFiles.read(f)).hasMessageContaining("x.json").hasMessageContaining("\"zebra\"")
        .hasMessageContaining("Accepted formats");
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> ConceptFiles.read(dir.resolve("nope.txt"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.txt");
  }

  @Test
  void emptyFileSaysItHoldsNoConcepts() throws IOException {
    Path f = write("empty.txt", "# nothing\n\n");
    assertThatThrownBy(() -> ConceptFiles.read(f)).hasMessageContaining("empty.txt").hasMessageContaining("no concepts");
  }

  @Test
  void class2ConceptsRoundTripsThroughWriteAndRead() throws IOException {
    Path in = write("class2concepts.json", "{\"zebra\": [\"stripes\", \"mane\"], \"horse\": [\"mane\", \"saddle\"]}");
    List<Concept> cs = ConceptFiles.read(in);
    Path out = dir.resolve("out").resolve("class2concepts.json");
    Files.createDirectories(out.getParent());
    ConceptFiles.writeClass2Concepts(out, cs);
    assertThat(Json.read(out)).isEqualTo(Json.read(in));
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void writingClass2ConceptsRejectsClasslessConcepts() {
    assertThatThrownBy(() -> ConceptFiles.class2concepts(List.of(Concept.of("stripes"), new Concept("mane", "file", "horse", Map.of()))))
        .hasMessageContaining("\"stripes\"").hasMessageContaining("no class");
  }

  @Test
  void fileSourceKeepsConceptsOfRequestedClassesAndNamesMissingOnes() throws IOException {
    Path f = write("class2concepts.json", "{\"zebra\": [\"stripes\", \"mane\"], \"horse\": [\"mane\", \"saddle\"]}");
    FileConceptSource src = new FileConceptSource(f);
    assertThat(src.generate(List.of("horse"))).extracting(Concept::text).containsExactly("mane", "saddle");
    assertThatThrownBy(() -> src.generate(List.of("horse", "zebrra"))).hasMessageContaining("\"zebrra\"")
        .hasMessageContaining("zebra").hasMessageContaining("class2concepts.json");
  }

  @Test
  void fileSourceNamesOnlyRequestedClassesInTheRunsSpelling() throws IOException {
    Path f = write("class2concepts.json",
        "{\"cat\": [\"furry coat\", \"whiskers\"], \"Dog\": [\"furry coat\", \"wagging tail\"], \"bird\": [\"feathers\"]}");
    List<Concept> cs = new FileConceptSource(f).generate(List.of("dog"));
    assertThat(cs).extracting(Concept::text).containsExactly("furry coat", "wagging tail");
    // "furry coat" was listed under cat first; cat is not in this run, so dog (as the run spells it) proposes it.
    assertThat(cs).extracting(Concept::proposedBy).containsExactly("dog", "dog");
    assertThat(cs.get(0).proposingClasses()).containsExactly("dog");
    List<Concept> both = new FileConceptSource(f).generate(List.of("DOG", "Cat"));
    assertThat(both.get(0).proposingClasses()).containsExactly("Cat", "DOG");
    assertThat(both).extracting(Concept::text).containsExactly("furry coat", "whiskers", "wagging tail");
    // A class whose list is empty has no concepts: the message lists the classes that have some.
    Path g = write("class2concepts.json", "{\"cat\": [], \"dog\": [\"tail\"]}");
    assertThatThrownBy(() -> new FileConceptSource(g).generate(List.of("cat", "dog")))
        .hasMessageContaining("no concepts for class \"cat\"").hasMessageContaining("lists concepts for are [dog]");
  }

  @Test
  void fileSourceReturnsClassFreeConceptsForAnyClasses() throws IOException {
    Path f = write("c.txt", "stripes\nwings\n");
    assertThat(new FileConceptSource(f).generate(List.of("zebra", "goldfinch"))).hasSize(2);
  }
}
