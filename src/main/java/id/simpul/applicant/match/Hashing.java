package id.simpul.applicant.match;

/** 64-bit string hashing for compact in-memory keys; collisions at a million records are negligible. */
public final class Hashing {

    private Hashing() {
    }

    /** Never 0 for a non-empty string, 0 for an empty one: 0 means "absent" everywhere. */
    public static long hash64(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h = mix(h);
        return h == 0 ? 1 : h;
    }

    public static int hash32(String s) {
        long h = hash64(s);
        int x = (int) (h ^ (h >>> 32));
        return x == 0 && h != 0 ? 1 : x;
    }

    /** A blocking key from a tag (which kind of key) and a value; never 0. */
    public static long key(int tag, long value) {
        long h = mix(value * 0x9E3779B97F4A7C15L + tag * 0xC2B2AE3D27D4EB4FL + tag);
        return h == 0 ? 1 : h;
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
