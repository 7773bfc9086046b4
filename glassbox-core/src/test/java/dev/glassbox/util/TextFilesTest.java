package dev.glassbox.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void aByteOrderMarkIsDroppedAndEveryLineBreakSplits() throws IOException {
    Path f = write("classes.txt", "\uFEFFzebra\r\ngoldfinch\rpenguin\n\nfire engine\n".getBytes(StandardCharsets.UTF_8));
    assertThat(TextFiles.readLines(f, "class list")).containsExactly("zebra", "goldfinch", "penguin", "", "fire engine");
    assertThat(TextFiles.readUtf8(f, "class list")).startsWith("zebra\r\n");
    assertThat(TextFiles.readLines(write("one.txt", "zebra".getBytes(StandardCharsets.UTF_8)), "x")).containsExactly("zebra");
    assertThat(TextFiles.readLines(write("empty.txt", new byte[0]), "x")).isEmpty();
  }

  @Test
  void latin1TextIsAnErrorNamingTheFileTheLineAndTheByte() throws IOException {
    Path f = write("classes.txt", "zebra\ncaf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TextFiles.readLines(f, "class list file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class list file " + f)
        .hasMessageContaining("not UTF-8")
        .hasMessageContaining("line 2")
        .hasMessageContaining("0xE9")
        .hasMessageContaining("iconv");
    // A UTF-8 sequence cut off at the end of the file.
    Path g = write("cut.txt", new byte[] {'a', '\n', 'b', (byte) 0xC3});
    assertThatThrownBy(() -> TextFiles.readUtf8(g, "x")).hasMessageContaining("line 2").hasMessageContaining("0xC3");
  }
}
