package org.muster.geo.region;

import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Made-up English place, street and personal names. */
final class Names {
    private static final List<String> PLACE_STARTS = List.of(
            "Ash", "Bar", "Bel", "Brad", "Bram", "Brook", "Burn", "Cal", "Chal", "Char", "Clay", "Cold", "Crom", "Dun",
            "East", "Elm", "Fair", "Far", "Fen", "Fox", "Glen", "Gold", "Grim", "Hal", "Ham", "Hart", "Hazel", "Hen",
            "Hol", "Kings", "Lang", "Lark", "Lin", "Long", "Mal", "Market", "Mel", "Mill", "Nor", "Oak", "Pen", "Quar",
            "Red", "Ridge", "Rother", "Salt", "Sand", "Shep", "Stan", "Swan", "Stock", "Stone", "Sut", "Thorn", "Upp",
            "Wal", "Wes", "Whit", "Wick", "Wil", "Wind", "Wood", "Wor");
    private static final List<String> PLACE_ENDS = List.of(
            "by", "bury", "caster", "chester", "cote", "dale", "den", "don", "field", "ford", "gate", "ham", "hampton",
            "hill", "holme", "hurst", "ingham", "ington", "leigh", "ley", "mere", "minster", "moor", "ness", "over",
            "sey", "stead", "stoke", "stow", "thorpe", "ton", "wald", "well", "wich", "worth");
    private static final List<String> PLACE_PREFIXES =
            List.of("Great ", "Little ", "Upper ", "Lower ", "North ", "South ");
    private static final List<String> STREET_STEMS = List.of(
            "Albert",
            "Alexandra",
            "Beech",
            "Birch",
            "Bridge",
            "Castle",
            "Cedar",
            "Chapel",
            "Church",
            "Clarence",
            "Cross",
            "Dale",
            "Elm",
            "Field",
            "Garden",
            "George",
            "Grange",
            "Green",
            "Grove",
            "Hawthorn",
            "Holly",
            "King",
            "Lime",
            "Manor",
            "Maple",
            "Meadow",
            "Mill",
            "Nelson",
            "New",
            "Oak",
            "Orchard",
            "Park",
            "Priory",
            "Queen",
            "Railway",
            "Rectory",
            "School",
            "Spring",
            "Stanley",
            "Victoria",
            "Water",
            "Well",
            "Willow",
            "Windsor",
            "York");
    private static final List<String> ROW_KINDS = List.of("Street", "Road", "Lane", "Terrace", "Row");
    private static final List<String> COLUMN_KINDS = List.of("Avenue", "Road", "Close", "Drive", "Way", "Walk");
    private static final List<String> FIRST_NAMES = List.of(
            "Aaliyah",
            "Adam",
            "Aisha",
            "Alex",
            "Amelia",
            "Amir",
            "Ava",
            "Ben",
            "Bethany",
            "Callum",
            "Charlie",
            "Chloe",
            "Daniel",
            "David",
            "Eleanor",
            "Ella",
            "Emily",
            "Ethan",
            "Fatima",
            "Finley",
            "Freya",
            "George",
            "Grace",
            "Hannah",
            "Harry",
            "Imran",
            "Isla",
            "Jack",
            "Jacob",
            "James",
            "Jasmine",
            "Jessica",
            "Joe",
            "Kieran",
            "Laura",
            "Leah",
            "Liam",
            "Lily",
            "Lucy",
            "Mia",
            "Mohammed",
            "Molly",
            "Nathan",
            "Niamh",
            "Noah",
            "Oliver",
            "Olivia",
            "Oscar",
            "Priya",
            "Rachel",
            "Rhys",
            "Rosie",
            "Ryan",
            "Sam",
            "Sarah",
            "Sophie",
            "Thomas",
            "Tom",
            "Zara",
            "Zoe");
    private static final List<String> LAST_NAMES = List.of(
            "Ahmed",
            "Allen",
            "Bailey",
            "Baker",
            "Bell",
            "Brown",
            "Campbell",
            "Carter",
            "Clarke",
            "Cooper",
            "Davies",
            "Edwards",
            "Evans",
            "Green",
            "Griffiths",
            "Hall",
            "Harris",
            "Hill",
            "Hughes",
            "Hussain",
            "Jackson",
            "James",
            "Johnson",
            "Jones",
            "Kaur",
            "Khan",
            "King",
            "Lee",
            "Lewis",
            "Martin",
            "Mitchell",
            "Moore",
            "Morgan",
            "Morris",
            "Murphy",
            "Parker",
            "Patel",
            "Phillips",
            "Price",
            "Roberts",
            "Robinson",
            "Scott",
            "Shah",
            "Singh",
            "Smith",
            "Taylor",
            "Thomas",
            "Thompson",
            "Turner",
            "Walker",
            "Ward",
            "Watson",
            "White",
            "Williams",
            "Wilson",
            "Wood",
            "Wright",
            "Young");

    private Names() {}

    /** A place name not in {@code taken}; adds it. */
    static String uniquePlace(RandomGenerator rng, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name = pick(rng, PLACE_STARTS) + pick(rng, PLACE_ENDS);
            if (attempt > 3) name = pick(rng, PLACE_PREFIXES) + name;
            if (attempt > 50) name = name + " " + (attempt - 50);
            if (taken.add(name)) return name;
        }
    }

    /** A street name fixed by a number in [0, 1), so that it is computed again, not stored. */
    static String street(double u, boolean row) {
        List<String> kinds = row ? ROW_KINDS : COLUMN_KINDS;
        int stem = (int) (u * STREET_STEMS.size());
        int kind = (int) ((u * STREET_STEMS.size() - stem) * kinds.size());
        return STREET_STEMS.get(stem) + " " + kinds.get(Math.min(kind, kinds.size() - 1));
    }

    static String person(RandomGenerator rng) {
        return pick(rng, FIRST_NAMES) + " " + pick(rng, LAST_NAMES);
    }

    private static String pick(RandomGenerator rng, List<String> from) {
        return from.get(rng.nextInt(from.size()));
    }
}
