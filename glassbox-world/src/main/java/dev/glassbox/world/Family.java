package dev.glassbox.world;

import java.util.List;

/**
 * A bird family and its natural history: what the field guide says about a species beyond its
 * looks. Each statement is a predicate in the third person ("sings a sweet trill at dawn") that
 * the field guide completes with "It" or the species' name. None of them names a colour or a
 * plumage pattern, so they carry no visual concept (a test checks this).
 */
public enum Family {
  FINCH(
      List.of("sings a sweet, tinkling trill at dawn", "gives a soft twittering call in flight"),
      List.of("lives in open woodland and weedy fields", "visits garden feeders in winter"),
      List.of("feeds mainly on seeds", "cracks thistle and sunflower seeds"),
      List.of("travels in small, restless flocks", "bounds through the air in a dipping flight"),
      List.of("wanders widely in winter in search of seed crops"),
      List.of("builds a neat cup nest in a shrub")),
  TANAGER(
      List.of("sings a hoarse, burry warble from high perches"),
      List.of("keeps to the canopy of tall deciduous forests"),
      List.of("eats insects and ripe fruit"),
      List.of("moves slowly and deliberately through the treetops"),
      List.of("migrates to tropical forests for the winter"),
      List.of("places a shallow nest far out on a horizontal branch")),
  JAY(
      List.of("gives loud, harsh screams", "mimics the calls of hawks"),
      List.of("lives in oak and pine woods"),
      List.of("eats acorns, nuts and the occasional egg"),
      List.of("buries acorns to eat later in the year", "mobs owls and other predators noisily"),
      List.of("stays on its territory all year"),
      List.of("builds a bulky nest of twigs high in a conifer")),
  WARBLER(
      List.of("delivers a fast, scratchy chatter from deep cover", "sings a thin, rising series of notes"),
      List.of("lives in reed beds and marshes", "forages high in the leafy canopy"),
      List.of("gleans small insects and spiders from stems and leaves"),
      List.of("creeps through dense vegetation and is heard more often than seen"),
      List.of("migrates at night over great distances"),
      List.of("nests in reeds, weaving its cup around the stems", "hides its nest in a low fork of a sapling")),
  THRUSH(
      List.of("sings a flute-like, echoing song at dusk"),
      List.of("lives on the shady floor of damp forests"),
      List.of("forages for earthworms and snails in leaf litter", "eats berries in autumn"),
      List.of("hops along the ground and pauses to listen"),
      List.of("migrates south in autumn"),
      List.of("builds a cup nest lined with mud")),
  TIT(
      List.of("repeats a clear two-note whistle"),
      List.of("is common in parks, gardens and mixed woods"),
      List.of("eats insects in summer and seeds in winter"),
      List.of("hangs upside down to reach insects under twigs", "stores seeds in crevices of bark"),
      List.of("is a year-round resident"),
      List.of("nests in tree holes and nest boxes")),
  ROBIN(
      List.of("sings a rich, liquid carol before sunrise"),
      List.of("is a familiar bird of lawns and hedgerows"),
      List.of("pulls earthworms from lawns after rain"),
      List.of("runs a few steps, then stops to watch the ground"),
      List.of("gathers in large roosts in winter"),
      List.of("builds a mud-lined nest in the fork of a tree")),
  HAWK(
      List.of("gives a piercing, descending scream"),
      List.of("hunts along forest edges and clearings"),
      List.of("hunts small mammals, snakes and birds"),
      List.of("soars in wide circles on warm afternoon air", "watches for prey from a high perch"),
      List.of("migrates in large groups along mountain ridges"),
      List.of("builds a large stick nest in a tall tree")),
  HUMMINGBIRD(
      List.of("makes a high, buzzy chip"),
      List.of("visits flowering gardens and forest clearings"),
      List.of("feeds on nectar from tubular flowers", "catches tiny insects in mid-air"),
      List.of("hovers in front of flowers", "defends its favourite flowers fiercely"),
      List.of("makes a long non-stop journey each spring"),
      List.of("builds a tiny nest of plant down and spider silk")),
  FLYCATCHER(
      List.of("repeats a sharp, two-part whistle"),
      List.of("lives in moist forests near streams"),
      List.of("catches insects in quick sallies from a perch"),
      List.of("returns to the same perch after each catch"),
      List.of("winters in tropical lowlands"),
      List.of("hides its nest among mossy roots")),
  MAGPIE(
      List.of("chatters loudly in a harsh rattle"),
      List.of("lives in farmland and open country with scattered trees"),
      List.of("eats almost anything, from insects to carrion"),
      List.of("is curious, bold and quick to steal food", "gathers in noisy groups at dusk"),
      List.of("stays near its home territory all year"),
      List.of("builds a domed nest of thorny sticks")),
  SWALLOW(
      List.of("twitters constantly in flight"),
      List.of("hunts over meadows, lakes and farmyards"),
      List.of("catches flying insects in mid-air"),
      List.of("skims low over water to drink in flight"),
      List.of("migrates thousands of kilometres each autumn"),
      List.of("builds a mud cup under the eaves of barns")),
  GROSBEAK(
      List.of("sings a rich, whistled warble"),
      List.of("lives in thickets and woodland edges"),
      List.of("cracks large seeds with ease"),
      List.of("visits feeders in pairs"),
      List.of("is a year-round resident"),
      List.of("builds a loose nest of twigs in dense shrubs")),
  WOODPECKER(
      List.of("drums loudly on dead branches in spring"),
      List.of("lives in mature forests with old, dead trees"),
      List.of("drills into bark for beetle larvae"),
      List.of("climbs tree trunks in short hops"),
      List.of("stays in its forest territory all year"),
      List.of("excavates a nest hole in a dead trunk")),
  SHRIKE(
      List.of("gives a harsh, grating call"),
      List.of("hunts over open grassland with scattered bushes"),
      List.of("preys on large insects, lizards and small birds"),
      List.of("impales its prey on thorns to store it", "watches from the tops of bushes"),
      List.of("moves south in hard winters"),
      List.of("nests in thorny hedges")),
  BUNTING(
      List.of("sings a lively series of paired notes from treetops"),
      List.of("lives along brushy roadsides and forest edges"),
      List.of("eats seeds and small insects"),
      List.of("keeps singing through the heat of the day"),
      List.of("migrates at night, steering by the stars"),
      List.of("builds its nest low in dense shrubs")),
  ORIOLE(
      List.of("sings a loud, flute-like whistle"),
      List.of("lives in tall trees along rivers"),
      List.of("eats caterpillars, fruit and nectar"),
      List.of("probes flowers for nectar high in the trees"),
      List.of("winters in tropical forests"),
      List.of("weaves a hanging, pouch-like nest")),
  SPARROW(
      List.of("sings a sweet series of notes that speed up at the end"),
      List.of("lives in old fields and grassy meadows"),
      List.of("feeds on grass seeds on the ground"),
      List.of("scratches among fallen leaves with both feet"),
      List.of("winters in southern fields"),
      List.of("nests on the ground, hidden in grass")),
  KINGFISHER(
      List.of("gives a loud, rattling call as it flies"),
      List.of("lives along clear streams and ponds"),
      List.of("eats small fish"),
      List.of("plunges headfirst into water to catch fish", "hovers above the water before diving"),
      List.of("leaves frozen waters in winter"),
      List.of("digs a nesting tunnel in a riverbank")),
  WAXWING(
      List.of("gives thin, high-pitched whistles"),
      List.of("wanders through orchards and open woodland"),
      List.of("feasts on berries and fruit"),
      List.of("travels in tight, sociable flocks", "passes berries from bird to bird along a branch"),
      List.of("appears irregularly in large flocks in winter"),
      List.of("nests late in summer when fruit is plentiful")),
  GULL(
      List.of("gives loud, laughing calls"),
      List.of("lives along coasts, harbours and large lakes"),
      List.of("eats fish, crabs and scraps"),
      List.of("follows fishing boats in noisy crowds"),
      List.of("moves inland and south in winter"),
      List.of("nests in colonies on rocky islands")),
  SANDPIPER(
      List.of("gives a clear, piping call when flushed"),
      List.of("feeds on mudflats and lake shores"),
      List.of("probes wet mud for worms and small crustaceans"),
      List.of("wades in shallow water at the edge of the tide"),
      List.of("flies between arctic breeding grounds and southern beaches"),
      List.of("nests in a shallow scrape on the tundra")),
  DOVE(
      List.of("gives a soft, mournful cooing"),
      List.of("lives in farmland, towns and open woods"),
      List.of("picks up seeds and grain from the ground"),
      List.of("feeds in pairs on the ground"),
      List.of("is a year-round resident in most places"),
      List.of("builds a flimsy platform of twigs"));

  /** The kinds of non-visual statement a field guide makes. */
  public enum Topic {
    SONG, HABITAT, DIET, BEHAVIOUR, MIGRATION, NESTING
  }

  private final List<List<String>> statements;

  Family(List<String> song, List<String> habitat, List<String> diet, List<String> behaviour, List<String> migration, List<String> nesting) {
    this.statements = List.of(song, habitat, diet, behaviour, migration, nesting);
  }

  /** The predicates this family's field-guide entry may use for {@code topic} (at least one). */
  public List<String> statements(Topic topic) {
    return statements.get(topic.ordinal());
  }
}
