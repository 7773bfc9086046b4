package dev.glassbox.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.encoders.TestResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ImagePipelineTest {
  @Test
  void loadsGiveTheSameTensorsFromManyThreads() throws Exception {
    ImagePipeline pipeline = new ImagePipeline(new ImageDecoder(), new ClipPreprocessor(PreprocessConfig.clip(224)));
    List<Path> files = List.of(TestResources.path("preprocess/rgb-large-640x481.jpg"),
        TestResources.path("preprocess/rgba-260x300.png"), TestResources.path("preprocess/cmyk-300x280.jpg"),
        TestResources.path("preprocess/palette-227x233.gif"));
    List<float[]> serial = new ArrayList<>();
    for (Path f : files) {
      serial.add(pipeline.load(f));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int rep = 0; rep < 4; rep++) {
        for (Path f : files) {
          futures.add(pool.submit(() -> pipeline.load(f)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(serial.get(i % files.size()));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(serial.get(0)).hasSize(3 * 224 * 224);
  }

  @Test
  void aReusedWorkspaceGivesTheSameTensorsAsFreshOnesWhateverTheOrder() throws Exception {
    ImagePipeline pipeline = new ImagePipeline(new ImageDecoder(), new ClipPreprocessor(PreprocessConfig.clip(224)));
    List<Path> files = new ArrayList<>();
    ClipPreprocessorReferenceTest.images().forEach(e -> files.add(ClipPreprocessorReferenceTest.resource(e.get("file").asText())));
    List<float[]> fresh = new ArrayList<>();
    for (Path f : files) {
      fresh.add(pipeline.load(f));
    }
    ImageWorkspace ws = new ImageWorkspace();
    int len = 3 * 224 * 224;
    java.nio.FloatBuffer direct = java.nio.ByteBuffer.allocateDirect(2 * len * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    float[] got = new float[len];
    // Forwards then backwards, so every image follows images of other sizes and modes.
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < files.size(); k++) {
        int i = pass == 0 ? k : files.size() - 1 - k;
        pipeline.load(files.get(i), ws, direct, len);
        direct.get(len, got, 0, len);
        assertThat(got).as("%s after %d images", files.get(i).getFileName(), pass * files.size() + k).isEqualTo(fresh.get(i));
      }
    }
  }
}
