package dev.glassbox.cli;

import dev.glassbox.math.Kernels;
import dev.glassbox.model.Provenance;
import picocli.CommandLine;

/** {@code glassbox --version}: version, commit, Java and the BLAS in use. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    Provenance.BuildInfo b = Provenance.BuildInfo.current();
    return new String[] {
        "glassbox " + b.version() + " (commit " + b.commit() + ")",
        "Java " + System.getProperty("java.version") + ", BLAS: " + Kernels.blasImplementation()};
  }
}
