package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code glassbox serve}: serves a trained model over HTTP and stops cleanly; bad options exit 1 or 2. */
class ServeCommandTest {
  @TempDir
  Path tmp;

  @Test
  void servesATrainedModelAndStops() throws Exception {
    Path data = tmp.resolve("data");
    Path models = Files.createDirectories(tmp.resolve("models"));
    assertThat(CliRunner.run("synth", "--out", data.toString(), "--classes", "3", "--concepts", "20", "--items", "150", "--dim", "8",
        "--seed", "1").exit()).isZero();
    CliRunner.Result t = CliRunner.run("train", "--data", data.toString(), "--out", models.resolve("m").resolve("1").toString(), "--quiet");
    assertThat(t.exit()).as(t.err()).isZero();

    ServeCommand cmd = new ServeCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--models", models.toString(), "--port", "0",
        "--data", "m=" + data, "--token", "tok", "--reload-seconds", "0"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cmd.server() == null && System.nanoTime() < until && !exit.isDone()) {
      Thread.sleep(20);
    }
    assertThat(cmd.server()).as("server started; exit %s", exit.isDone() ? exit.get() : "pending").isNotNull();
    URI base = cmd.server().uri();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/models/m")).header("Authorization", "Bearer tok").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"validation_accuracy\"");
    cmd.stop();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).contains("listening on http://127.0.0.1:");
  }

  @Test
  void aMissingModelsDirectoryExitsOneAndABadOptionTwo() {
    CliRunner.Result missing = CliRunner.run("serve", "--models", tmp.resolve("nope").toString(), "--port", "0");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("models directory");
    CliRunner.Result bad = CliRunner.run("serve", "--models", tmp.toString(), "--port", "not-a-port");
    assertThat(bad.exit()).isEqualTo(2);
    CliRunner.Result badData = CliRunner.run("serve", "--models", tmp.toString(), "--port", "0", "--data", "ghost=" + tmp);
    assertThat(badData.exit()).isEqualTo(1);
  }
}
