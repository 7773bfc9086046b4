package dev.glassbox.encoders.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCollectionTest {
  private static void touch(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void listsClassFoldersRecursivelySortedSkippingHiddenAndNonImageFiles(@TempDir Path root) throws IOException {
    touch(root.resolve("zebra/b.JPG"));
    touch(root.resolve("zebra/a.png"));
    touch(root.resolve("ant/deep/er/x.webp"));
    touch(root.resolve("ant/.hidden.png"));
    touch(root.resolve("ant/.cache/y.png"));
    touch(root.resolve(".git/config.png"));
    touch(root.resolve("ant/notes.txt"));
    touch(root.resolve("loose.png"));
    ImageCollection c = ImageCollection.open(root);
    assertThat(c.items()).extracting(ImageItem::id).containsExactly("ant/deep/er/x.webp", "zebra/a.png", "zebra/b.JPG");
    assertThat(c.items()).extracting(ImageItem::label).containsExactly("ant", "zebra", "zebra");
    assertThat(c.classes()).containsExactly("ant", "zebra");
    assertThat(c.splitsGiven()).isFalse();
    assertThat(c.ignoredFiles()).isEqualTo(2);
    assertThat(c.name()).isEqualTo(root.getFileName().toString());
    assertThat(c.items().get(0).file()).isEqualTo(root.toAbsolutePath().resolve("ant/deep/er/x.webp"));
  }

  @Test
  void followsLinkedClassFoldersAndALinkedRootAndCountsALoopAsIgnored(@TempDir Path dir) throws IOException {
    Path store = dir.resolve("store");
    touch(store.resolve("linked/a.png"));
    Path root = dir.resolve("photos");
    touch(root.resolve("own/b.png"));
    Files.createSymbolicLink(root.resolve("linked"), store.resolve("linked"));
    Files.createSymbolicLink(root.resolve("own/up"), root);
    ImageCollection c = ImageCollection.open(root);
    assertThat(c.items()).extracting(ImageItem::id).containsExactly("linked/a.png", "own/b.png");
    assertThat(c.ignoredFiles()).isEqualTo(1);
    Path linkedRoot = dir.resolve("photos-link");
    Files.createSymbolicLink(linkedRoot, root);
    assertThat(ImageCollection.open(linkedRoot).items()).hasSize(2);
  }

  @Test
  void aLabelThatCannotBeAClassNameIsRefusedBeforeAnyImageIsRead(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("m.jsonl");
    Files.writeString(m, "{\"path\": \"a.png\", \"label\": \"dog\"}\n{\"path\": \"b.png\", \"label\": \"ca\\nt\"}\n");
    assertThatThrownBy(() -> ImageCollection.open(m)).hasMessageContaining("has the label \"ca\\nt\"").hasMessageContaining("on one line");
  }

  @Test
  void refusesAFolderWithoutClassFolders(@TempDir Path root) throws IOException {
    touch(root.resolve("a.png"));
    assertThatThrownBy(() -> ImageCollection.open(root)).hasMessageContaining("holds no images in class folders");
  }

  @Test
  void readsACsvManifestWithQuotesRelativePathsSplitsAndIds(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("sub/manifest.csv");
    Files.createDirectories(m.getParent());
    Files.writeString(m, "\uFEFFLabel,path,split,id,extra\n"
        + "\"cat, tabby\",imgs/b.png,train,b1,x\n"
        + "dog,\"imgs/a \"\"q\"\".png\",TEST,a1,y\n"
        + "\n"
        + "dog,/abs/c.jpg,val,c1,\n");
    ImageCollection c = ImageCollection.open(m);
    assertThat(c.items()).extracting(ImageItem::id).containsExactly("a1", "b1", "c1");
    assertThat(c.items().get(0).file()).isEqualTo(dir.toAbsolutePath().resolve("sub/imgs/a \"q\".png"));
    assertThat(c.items().get(1).label()).isEqualTo("cat, tabby");
    assertThat(c.items().get(2).file()).isEqualTo(Path.of("/abs/c.jpg"));
    assertThat(c.items()).extracting(ImageItem::split).containsExactly(Split.TEST, Split.TRAIN, Split.VALIDATION);
    assertThat(c.splitsGiven()).isTrue();
    assertThat(c.classes()).containsExactly("cat, tabby", "dog");
    assertThat(c.name()).isEqualTo("manifest");
  }

  @Test
  void readsAJsonlManifestDefaultingIdsToPaths(@TempDir Path dir) throws IOException {
    Path m = Files.writeString(dir.resolve("items.jsonl"), "{\"path\": \"b.png\", \"label\": \"x\"}\n\n{\"path\": \"a.png\", \"label\": \"y\"}\n");
    ImageCollection c = ImageCollection.open(m);
    assertThat(c.items()).extracting(ImageItem::id).containsExactly("a.png", "b.png");
    assertThat(c.splitsGiven()).isFalse();
  }

  @Test
  void namesTheLineOfEveryManifestMistake(@TempDir Path dir) throws IOException {
    Path noLabel = Files.writeString(dir.resolve("a.csv"), "path,class\nx.png,a\n");
    assertThatThrownBy(() -> ImageCollection.open(noLabel)).hasMessageContaining("line 1").hasMessageContaining("no \"label\" column");
    Path dup = Files.writeString(dir.resolve("b.csv"), "path,label\nx.png,a\ny.png,a\nx.png,b\n");
    assertThatThrownBy(() -> ImageCollection.open(dup)).hasMessageContaining("line 4").hasMessageContaining("'x.png' already appears on line 2");
    Path partial = Files.writeString(dir.resolve("c.csv"), "path,label,split\nx.png,a,train\ny.png,a,\n");
    assertThatThrownBy(() -> ImageCollection.open(partial)).hasMessageContaining("split on line 2 but none on line 3");
    Path badSplit = Files.writeString(dir.resolve("d.jsonl"), "{\"path\": \"x.png\", \"label\": \"a\", \"split\": \"dev\"}\n");
    assertThatThrownBy(() -> ImageCollection.open(badSplit)).hasMessageContaining("line 1").hasMessageContaining("unknown split \"dev\"");
    Path badJson = Files.writeString(dir.resolve("e.jsonl"), "{\"path\": \"x.png\", \"label\": \"a\"}\n{oops\n");
    assertThatThrownBy(() -> ImageCollection.open(badJson)).hasMessageContaining("line 2 is not valid JSON");
    Path noPath = Files.writeString(dir.resolve("f.csv"), "path,label\n,a\n");
    assertThatThrownBy(() -> ImageCollection.open(noPath)).hasMessageContaining("line 2 has no path");
    Path other = Files.writeString(dir.resolve("g.txt"), "x");
    assertThatThrownBy(() -> ImageCollection.open(other)).hasMessageContaining("neither a folder");
  }

  @Test
  void fingerprintChangesWhenAFileChanges(@TempDir Path root) throws IOException {
    touch(root.resolve("a/x.png"));
    touch(root.resolve("a/y.png"));
    String before = ImageCollection.open(root).fingerprint();
    assertThat(ImageCollection.open(root).fingerprint()).isEqualTo(before);
    Files.write(root.resolve("a/y.png"), new byte[] {1, 2});
    assertThat(ImageCollection.open(root).fingerprint()).isNotEqualTo(before);
    assertThat(List.of(before)).allMatch(s -> s.length() == 64);
  }
}
