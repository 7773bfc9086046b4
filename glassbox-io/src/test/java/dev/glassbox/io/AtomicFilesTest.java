package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  /** The id of a process that has ended. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    return pid;
  }

  private Path staging(String name, String kind, long pid) throws Exception {
    Path p = dir.resolve("." + name + kind + pid + "-" + UUID.randomUUID());
    Files.createDirectory(p);
    Files.writeString(p.resolve("part.bin"), "x".repeat(1000));
    return p;
  }

  @Test
  void aKilledRunsStagingIsRemovedByTheNextWriteButALiveRunsIsNot() throws Exception {
    long dead = deadPid();
    Path killed = staging("out", ".tmp-", dead);
    Path running = staging("out", ".tmp-", ProcessHandle.current().pid());
    Path olderVersion = dir.resolve(".out.tmp-" + UUID.randomUUID());
    Files.createDirectory(olderVersion);
    Path otherTarget = staging("other", ".tmp-", dead);
    AtomicFiles.writeDirectory(dir.resolve("out"), false, d -> Files.writeString(d.resolve("a.txt"), "new"));
    assertThat(Files.readString(dir.resolve("out/a.txt"))).isEqualTo("new");
    assertThat(killed).doesNotExist();
    assertThat(running).exists();
    assertThat(olderVersion).exists();
    assertThat(otherTarget).exists();
  }

  @Test
  void contentAKilledRunHadMovedAsideIsPutBack() throws Exception {
    // Killed between its two renames: OUT moved aside, the new content not yet in place.
    Path aside = staging("out", ".old-", deadPid());
    Files.writeString(aside.resolve("a.txt"), "previous");
    assertThatThrownBy(() -> AtomicFiles.writeDirectory(dir.resolve("out"), false, d -> Files.writeString(d.resolve("a.txt"), "new")))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("restored from " + aside.getFileName());
    assertThat(Files.readString(dir.resolve("out/a.txt"))).isEqualTo("previous");
    assertThat(aside).doesNotExist();
    AtomicFiles.writeDirectory(dir.resolve("out"), true, d -> Files.writeString(d.resolve("a.txt"), "new"));
    assertThat(Files.readString(dir.resolve("out/a.txt"))).isEqualTo("new");
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(dir.resolve("out"));
    }
  }
}
