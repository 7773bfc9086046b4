package dev.glassbox.methods.pcbm;

import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchPcbmTest {
  @Test
  void explore() {
    SynthData sd = SynthGenerator.generate(SynthConfig.of(20, 200, 10000, 128, 7));
    for (String m : System.getProperty("pcbm.methods", "pcbm,pcbm-h").split(",")) {
      for (String opt : System.getProperty("pcbm.opts", "").split(";")) {
        Map<String, String> o = new LinkedHashMap<>();
        if (!opt.isBlank()) for (String kv : opt.split(" ")) o.put(kv.split("=")[0], kv.split("=")[1]);
        long t0 = System.nanoTime();
        TrainResult r = CbmMethods.train(m, new TrainingInput(sd.dataset(), sd.concepts(), 0), o, ProgressListener.NONE);
        var mt = new LinkedHashMap<>(r.metrics());
        mt.remove("nonzeros_per_class"); mt.remove("selection");
        System.out.printf("%s %s (%.1fs): %s iters=%d gap=%.2e%n", m, o, (System.nanoTime() - t0) / 1e9, mt, r.fit().selectedReport().iterations(), r.fit().selectedReport().optimalityGap());
      }
    }
  }
}
