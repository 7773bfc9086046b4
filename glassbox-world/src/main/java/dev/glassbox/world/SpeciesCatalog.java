package dev.glassbox.world;

import static dev.glassbox.world.Attribute.BACK_COLOR;
import static dev.glassbox.world.Attribute.BACK_PATTERN;
import static dev.glassbox.world.Attribute.BELLY_COLOR;
import static dev.glassbox.world.Attribute.BELLY_PATTERN;
import static dev.glassbox.world.Attribute.BILL_COLOR;
import static dev.glassbox.world.Attribute.BILL_LENGTH;
import static dev.glassbox.world.Attribute.BREAST_COLOR;
import static dev.glassbox.world.Attribute.BREAST_PATTERN;
import static dev.glassbox.world.Attribute.CREST;
import static dev.glassbox.world.Attribute.CROWN_COLOR;
import static dev.glassbox.world.Attribute.CROWN_PATTERN;
import static dev.glassbox.world.Attribute.EYE_MASK;
import static dev.glassbox.world.Attribute.EYE_RING;
import static dev.glassbox.world.Attribute.LEG_COLOR;
import static dev.glassbox.world.Attribute.LEG_LENGTH;
import static dev.glassbox.world.Attribute.NAPE_COLOR;
import static dev.glassbox.world.Attribute.TAIL_COLOR;
import static dev.glassbox.world.Attribute.TAIL_LENGTH;
import static dev.glassbox.world.Attribute.TAIL_PATTERN;
import static dev.glassbox.world.Attribute.TAIL_SHAPE;
import static dev.glassbox.world.Attribute.WING_COLOR;
import static dev.glassbox.world.Attribute.WING_PATTERN;
import static dev.glassbox.world.Attribute.WING_SHAPE;

import java.util.List;

/**
 * The world's species table: 24 invented species, each defined by a few high-probability
 * (p ≥ 0.9) attributes, many of them shared with other species as in CUB-200, plus
 * lower-probability within-species variation. The table is designed so that every pair of species
 * differs in at least two concepts by a probability gap of 0.75 or more (a test checks this).
 */
public final class SpeciesCatalog {
  private static final List<Species> ALL = build();

  private SpeciesCatalog() {}

  /** All species, in a fixed order; a world with {@code n} species uses the first {@code n}. */
  public static List<Species> all() {
    return ALL;
  }

  /** The number of species in the catalogue. */
  public static int size() {
    return ALL.size();
  }

  private static Species.Builder sp(String name, Family family) {
    return new Species.Builder(name, family);
  }

  private static List<Species> build() {
    return List.of(
        sp("Golden-crowned Finch", Family.FINCH).size("small")
            .upper("brown").set(BACK_COLOR, "olive").set(CROWN_COLOR, "yellow", 0.95)
            .under("buff").set(BELLY_COLOR, "white", 0.7)
            .set(WING_PATTERN, "bars", 0.9).set(TAIL_SHAPE, "forked", 0.9)
            .bill("cone", "short", "pink").legs("pink").build(),
        sp("Crimson Tanager", Family.TANAGER)
            .upper("red").under("red").set(WING_COLOR, "black").set(TAIL_COLOR, "black", 0.95)
            .set(BELLY_COLOR, "orange", 0.25)
            .bill("straight", "medium", "grey").legs("grey").set(WING_PATTERN, "bars", 0.15).build(),
        sp("Crested Azure Jay", Family.JAY).size("large")
            .upper("blue").set(NAPE_COLOR, "black", 0.9).set(CREST, "crested", 0.95)
            .set(BREAST_COLOR, "grey").set(BELLY_COLOR, "white").set(BREAST_COLOR, "white", 0.1)
            .set(TAIL_LENGTH, "long", 0.9).set(TAIL_SHAPE, "rounded", 0.9).set(TAIL_PATTERN, "barred", 0.6)
            .set(WING_PATTERN, "bars", 0.3)
            .bill("straight", "medium", "black").legs("black").build(),
        sp("Striped Reed Warbler", Family.WARBLER).size("small")
            .upper("brown").under("buff").set(BREAST_COLOR, "white", 0.2)
            .set(CROWN_PATTERN, "striped", 0.9).set(BACK_PATTERN, "striped", 0.95).set(WING_PATTERN, "striped", 0.9)
            .set(TAIL_SHAPE, "rounded", 0.9)
            .bill("needle", "medium", "black").legs("pink").build(),
        sp("Speckled Wood Thrush", Family.THRUSH)
            .upper("brown").under("white").set(BREAST_PATTERN, "spotted", 0.95).set(BELLY_PATTERN, "spotted", 0.8)
            .set(EYE_RING, "white", 0.9).set(BELLY_COLOR, "buff", 0.2)
            .bill("straight", "medium", "brown").legs("pink").build(),
        sp("Black-capped Titmouse", Family.TIT).size("small")
            .upper("grey").set(CROWN_COLOR, "black").set(NAPE_COLOR, "white", 0.9)
            .set(BREAST_COLOR, "white").set(BREAST_COLOR, "buff", 0.1).set(BELLY_COLOR, "buff").set(BELLY_COLOR, "white", 0.3)
            .set(TAIL_SHAPE, "rounded", 0.6)
            .bill("straight", "short", "black").legs("grey").build(),
        sp("Ember-breasted Robin", Family.ROBIN)
            .upper("grey").set(WING_COLOR, "brown", 0.3).set(TAIL_COLOR, "black", 0.6)
            .set(BREAST_COLOR, "orange").set(BREAST_COLOR, "red", 0.05).set(BELLY_COLOR, "white").set(EYE_RING, "white", 0.5)
            .bill("straight", "medium", "yellow").set(BILL_COLOR, "orange", 0.1).legs("brown").build(),
        sp("Barred Forest Hawk", Family.HAWK).size("large")
            .upper("brown").under("white").set(BREAST_PATTERN, "striped", 0.7).set(BELLY_PATTERN, "barred", 0.95)
            .set(TAIL_PATTERN, "barred", 0.95).set(TAIL_SHAPE, "fan", 0.9).set(EYE_RING, "yellow", 0.9)
            .bill("hooked", "medium", "black").legs("yellow").build(),
        sp("Emerald Needlebill", Family.HUMMINGBIRD).size("small")
            .upper("green").set(WING_COLOR, "grey").set(TAIL_COLOR, "black", 0.5)
            .set(BREAST_COLOR, "white").set(BREAST_COLOR, "grey", 0.2).set(BELLY_COLOR, "grey").set(BELLY_COLOR, "white", 0.3)
            .set(TAIL_SHAPE, "forked", 0.5).set(TAIL_LENGTH, "short", 0.6)
            .bill("needle", "long", "black").legs("black").build(),
        sp("Lemon-bellied Flycatcher", Family.FLYCATCHER).size("small")
            .upper("olive").set(WING_COLOR, "brown").set(TAIL_COLOR, "brown")
            .under("yellow").set(BREAST_COLOR, "buff", 0.1)
            .set(WING_PATTERN, "bars", 0.95).set(EYE_RING, "white", 0.9)
            .bill("straight", "short", "black").set(BILL_LENGTH, "medium", 0.1).legs("black").build(),
        sp("Pied Longtail", Family.MAGPIE).size("large")
            .upper("black").set(BREAST_COLOR, "black").set(BREAST_COLOR, "white", 0.1).set(BELLY_COLOR, "white")
            .set(TAIL_LENGTH, "long").set(TAIL_SHAPE, "pointed", 0.95).set(WING_PATTERN, "spotted", 0.2)
            .bill("straight", "medium", "black").legs("black").build(),
        sp("Steel-blue Swallow", Family.SWALLOW).size("small")
            .upper("blue").set(WING_COLOR, "black", 0.6).set(TAIL_COLOR, "black", 0.4)
            .set(BREAST_COLOR, "orange").set(BREAST_COLOR, "white", 0.3).set(BELLY_COLOR, "white").set(BELLY_COLOR, "buff", 0.2)
            .set(WING_SHAPE, "pointed").set(TAIL_SHAPE, "forked").set(TAIL_LENGTH, "long", 0.8)
            .bill("straight", "short", "black").legs("black").build(),
        sp("Rose-crested Grosbeak", Family.GROSBEAK)
            .upper("grey").set(CROWN_COLOR, "red", 0.95).set(CREST, "crested", 0.95).set(WING_COLOR, "black", 0.5)
            .under("white").set(BELLY_COLOR, "buff", 0.3).set(EYE_MASK, "black", 0.5)
            .bill("cone", "medium", "orange").set(BILL_COLOR, "yellow", 0.05).legs("pink").build(),
        sp("Red-naped Woodpecker", Family.WOODPECKER)
            .upper("black").set(NAPE_COLOR, "red", 0.95).set(CROWN_COLOR, "red", 0.1)
            .set(BACK_PATTERN, "spotted", 0.9).set(WING_PATTERN, "spotted", 0.95)
            .under("white").set(BELLY_COLOR, "buff", 0.2)
            .set(TAIL_SHAPE, "pointed", 0.9)
            .bill("straight", "long", "black").legs("grey").build(),
        sp("Masked Grey Shrike", Family.SHRIKE)
            .upper("grey").set(WING_COLOR, "black", 0.95).set(TAIL_COLOR, "black", 0.9).set(EYE_MASK, "black")
            .under("white").set(BELLY_COLOR, "grey", 0.2).set(WING_PATTERN, "bars", 0.3)
            .set(TAIL_LENGTH, "long", 0.4)
            .bill("hooked", "short", "black").legs("black").build(),
        sp("Cobalt Bunting", Family.BUNTING).size("small")
            .upper("blue").under("blue").set(BREAST_COLOR, "grey", 0.1).set(WING_PATTERN, "bars", 0.2)
            .set(TAIL_COLOR, "black", 0.3)
            .bill("cone", "short", "grey").legs("grey").build(),
        sp("Black-hooded Oriole", Family.ORIOLE)
            .upper("yellow").set(CROWN_COLOR, "black").set(NAPE_COLOR, "black", 0.95)
            .set(WING_COLOR, "black").set(TAIL_COLOR, "black", 0.9).set(WING_PATTERN, "bars", 0.8)
            .under("yellow").set(BELLY_COLOR, "orange", 0.15)
            .bill("straight", "medium", "grey").legs("grey").build(),
        sp("Streaked Field Sparrow", Family.SPARROW).size("small")
            .upper("brown").set(CROWN_PATTERN, "striped", 0.9).set(BACK_PATTERN, "striped", 0.9)
            .set(BREAST_COLOR, "buff").set(BREAST_PATTERN, "striped", 0.95).set(BELLY_COLOR, "white")
            .set(WING_PATTERN, "bars", 0.4).set(TAIL_SHAPE, "forked", 0.4)
            .bill("cone", "short", "pink").legs("pink").build(),
        sp("Sapphire Kingfisher", Family.KINGFISHER)
            .upper("blue").set(NAPE_COLOR, "white", 0.9).set(WING_PATTERN, "spotted", 0.4)
            .set(BREAST_COLOR, "orange").set(BELLY_COLOR, "orange").set(BELLY_COLOR, "white", 0.3)
            .set(TAIL_LENGTH, "short", 0.9)
            .bill("straight", "long", "black").legs("red").build(),
        sp("Crested Waxwing", Family.WAXWING)
            .upper("brown").set(WING_COLOR, "grey", 0.95).set(TAIL_COLOR, "grey").set(CREST, "crested")
            .set(EYE_MASK, "black").set(BREAST_COLOR, "buff").set(BELLY_COLOR, "yellow", 1.0).set(BELLY_COLOR, "buff", 0.1)
            .bill("straight", "short", "black").legs("black").build(),
        sp("Grey-backed Gull", Family.GULL).size("large")
            .upper("white").set(BACK_COLOR, "grey").set(WING_COLOR, "grey").set(WING_SHAPE, "pointed", 0.9)
            .under("white").set(TAIL_COLOR, "black", 0.2)
            .bill("straight", "medium", "yellow").legs("yellow").set(LEG_COLOR, "pink", 0.5).set(LEG_LENGTH, "long", 0.5)
            .build(),
        sp("Long-legged Sandpiper", Family.SANDPIPER)
            .upper("brown").set(BACK_PATTERN, "spotted", 0.9).set(WING_PATTERN, "spotted", 0.5)
            .under("white").set(BREAST_PATTERN, "spotted", 0.6)
            .set(TAIL_LENGTH, "short", 0.7)
            .bill("needle", "long", "black").set(BILL_COLOR, "brown", 0.1).legs("yellow").set(LEG_COLOR, "olive", 0.1)
            .set(LEG_LENGTH, "long").build(),
        sp("Golden Canopy Warbler", Family.WARBLER).size("small")
            .upper("olive").set(CROWN_COLOR, "yellow").set(NAPE_COLOR, "yellow", 0.6).set(WING_COLOR, "grey", 0.6)
            .under("yellow").set(BELLY_COLOR, "white", 0.2).set(WING_PATTERN, "bars", 0.3)
            .bill("needle", "short", "black").legs("black").set(LEG_COLOR, "pink", 0.3).build(),
        sp("Ash Dove", Family.DOVE)
            .upper("grey").set(WING_PATTERN, "spotted", 0.95)
            .under("grey").set(BREAST_COLOR, "pink", 0.2).set(BELLY_COLOR, "buff", 0.4)
            .set(TAIL_SHAPE, "fan", 0.8).set(TAIL_LENGTH, "long", 0.3)
            .bill("straight", "short", "black").legs("pink").build());
  }
}
