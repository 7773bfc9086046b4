package dev.glassbox.sources.wordnet;

import dev.glassbox.concepts.Concept;
import java.util.List;

class WordNetProbe {
  public static void main(String[] args) {
    try (WordNet wn = WordNet.open()) {
      WordNetConceptSource src = new WordNetConceptSource(wn, WordNetConfig.defaults());
      for (String n : args) {
        System.out.println("== " + n);
        for (Concept c : src.generate(List.of(n))) {
          System.out.println("  " + c.text() + "   [" + c.metadata().get("relation") + " via " + c.metadata().get("via") + "]");
        }
      }
    }
  }
}
