package id.simpul.applicant;

import java.util.Arrays;

/**
 * Which master ids were retired directly into which: the tree of merges, kept beside the union-find's
 * {@code parent} because path compression rewrites that tree and gives no way to list a set's members. Each id
 * retired into a survivor is one entry of the survivor's list, held as a linked list in two arrays indexed by
 * master id (8 bytes per master; 0 ends a list, master ids start at 1). A retired id is never retired again and a
 * split makes a new master, so an entry, once made, stands.
 */
final class RetiredIndex {

    private int[] firstRetired;
    private int[] nextRetired;

    RetiredIndex(int capacity) {
        firstRetired = new int[capacity];
        nextRetired = new int[capacity];
    }

    /** Grown with the registry's master arrays, to the same size. */
    void ensureCapacity(int size) {
        if (size > firstRetired.length) {
            firstRetired = Arrays.copyOf(firstRetired, size);
            nextRetired = Arrays.copyOf(nextRetired, size);
        }
    }

    /** {@code retired} was merged into {@code survivor}, the active master it answered as at the time. */
    void retire(int retired, int survivor) {
        nextRetired[retired] = firstRetired[survivor];
        firstRetired[survivor] = retired;
    }

    /**
     * {@code master} first, then every id retired into it directly or through earlier merges, ascending: the cost is
     * the number of those ids, not the number of masters.
     */
    int[] idsUnder(int master) {
        int[] ids = {master};
        int n = 1;
        // The result doubles as the queue of a breadth-first walk: chains of merges can be deeper than a stack.
        for (int i = 0; i < n; i++) {
            for (int r = firstRetired[ids[i]]; r != 0; r = nextRetired[r]) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = r;
            }
        }
        Arrays.sort(ids, 1, n);
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }
}
