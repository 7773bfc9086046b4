package dev.glassbox.encoders.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.encoders.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLIP models exported with Hugging Face ship a {@code tokenizer.json} instead of the merges file.
 * This builds that file from the merges (as Hugging Face's CLIP conversion lays it out) and checks
 * that the DJL-backed tokenizer gives the reference ids, padded and truncated like the BPE one.
 */
class ClipTokenizerJsonTest {

  private static Path writeClipTokenizerJson(Path dir) throws IOException {
    List<String> merges = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedData.clipMerges())), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null && merges.size() < ClipBpeTokenizer.MERGE_COUNT; line = r.readLine()) {
        merges.add(line.trim());
      }
    }
    List<String> bytes = new ArrayList<>();
    int next = 256;
    char[] table = new char[256];
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      table[b] = printable ? (char) b : (char) next++;
    }
    for (int b = 0; b < 256; b++) {
      if (table[b] == b) {
        bytes.add(String.valueOf(table[b]));
      }
    }
    for (int b = 0; b < 256; b++) {
      if (table[b] != b) {
        bytes.add(String.valueOf(table[b]));
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode vocab = json.createObjectNode();
    int id = 0;
    for (String s : bytes) {
      vocab.put(s, id++);
    }
    for (String s : bytes) {
      vocab.put(s + "</w>", id++);
    }
    for (String m : merges) {
      vocab.put(m.replace(" ", ""), id++);
    }
    vocab.put("<|startoftext|>", id++);
    vocab.put("<|endoftext|>", id);
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String[] t : new String[][] {{"49406", "<|startoftext|>"}, {"49407", "<|endoftext|>"}}) {
      added.addObject().put("id", Integer.parseInt(t[0])).put("content", t[1]).put("single_word", false)
          .put("lstrip", false).put("rstrip", false).put("normalized", true).put("special", true);
    }
    ObjectNode normalizer = root.putObject("normalizer").put("type", "Sequence");
    ArrayNode ns = normalizer.putArray("normalizers");
    ns.addObject().put("type", "NFC");
    ns.addObject().put("type", "Replace").put("content", " ").putObject("pattern").put("Regex", "\\s+");
    ns.addObject().put("type", "Lowercase");
    ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
    ArrayNode ps = pre.putArray("pretokenizers");
    ObjectNode split = ps.addObject().put("type", "Split").put("behavior", "Removed").put("invert", true);
    split.putObject("pattern").put("Regex",
        "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+");
    ps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", false);
    ObjectNode post = root.putObject("post_processor").put("type", "RobertaProcessing");
    post.putArray("sep").add("<|endoftext|>").add(49407);
    post.putArray("cls").add("<|startoftext|>").add(49406);
    post.put("trim_offsets", false).put("add_prefix_space", false);
    root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
        .put("use_regex", true);
    ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout").put("unk_token", "<|endoftext|>")
        .put("continuing_subword_prefix", "").put("end_of_word_suffix", "</w>").put("fuse_unk", false);
    model.set("vocab", vocab);
    ArrayNode m = model.putArray("merges");
    merges.forEach(m::add);
    Path out = dir.resolve("tokenizer.json");
    json.writeValue(out.toFile(), root);
    return out;
  }

  @Test
  void huggingFaceClipTokenizerJsonGivesTheReferenceIdsAndPadsLikeClip(@TempDir Path dir) throws IOException {
    Path file = writeClipTokenizerJson(dir);
    ClipBpeTokenizer bpe = ClipBpeTokenizer.load(SharedData.clipMerges());
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (HuggingFaceJsonTokenizer hf = HuggingFaceJsonTokenizer.load(file, 77, 0)) {
      for (String line : Files.readAllLines(SharedData.path("clip-bpe/reference.jsonl"), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode ref = json.readTree(line);
        String text = ref.get("text").asText();
        texts.add(text);
        int[] want = new int[ref.get("with_special").size()];
        for (int i = 0; i < want.length; i++) {
          want[i] = ref.get("with_special").get(i).asInt();
        }
        assertThat(hf.ids(text)).as("ids of \"%s\"", text).containsExactly(want);
      }
      texts.add("bird ".repeat(120));
      TokenBatch a = hf.batch(texts, true);
      TokenBatch b = bpe.batch(texts, true);
      assertThat(a.ids()).containsExactly(b.ids());
      assertThat(a.attentionMask()).containsExactly(b.attentionMask());
    }
  }
}
