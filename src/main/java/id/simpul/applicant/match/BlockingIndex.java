package id.simpul.applicant.match;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Blocking key → source records, as an open-addressing hash table over primitive arrays with one
 * singly linked posting list per key, newest first. Lookups read at most {@code cap} postings, so
 * matching one record touches a bounded number of candidates however common its name is. About
 * 20 bytes per posting and per key: a million records with eight keys each take ~250 MB.
 */
public final class BlockingIndex {

    private long[] keys;
    private int[] heads;
    private int[] counts;
    private int size;
    private int[] postRecord;
    private int[] postNext;
    private int posts;

    public BlockingIndex(int expectedKeys) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expectedKeys / 0.6)) - 1) << 1;
        keys = new long[capacity];
        heads = new int[capacity];
        counts = new int[capacity];
        postRecord = new int[Math.max(16, expectedKeys)];
        postNext = new int[postRecord.length];
    }

    /** Adds a posting; key must not be 0. */
    public void add(long key, int record) {
        if (size + 1 > keys.length * 0.6) {
            rehash(keys.length << 1);
        }
        int slot = slot(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            heads[slot] = -1;
            size++;
        } else if (heads[slot] >= 0 && postRecord[heads[slot]] == record) {
            return;
        }
        if (posts == postRecord.length) {
            int grown = postRecord.length + (postRecord.length >> 1);
            postRecord = Arrays.copyOf(postRecord, grown);
            postNext = Arrays.copyOf(postNext, grown);
        }
        postRecord[posts] = record;
        postNext[posts] = heads[slot];
        heads[slot] = posts++;
        counts[slot]++;
    }

    /** Visits at most {@code cap} records under the key, newest first. */
    public void forEach(long key, int cap, IntConsumer visitor) {
        int slot = slot(key);
        if (keys[slot] == 0) {
            return;
        }
        int p = heads[slot];
        for (int n = 0; p >= 0 && n < cap; n++) {
            visitor.accept(postRecord[p]);
            p = postNext[p];
        }
    }

    /** How many records ever carried the key (a block-size statistic, stale postings included). */
    public int count(long key) {
        int slot = slot(key);
        return keys[slot] == 0 ? 0 : counts[slot];
    }

    public int keys() {
        return size;
    }

    public int postings() {
        return posts;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) Hashing.mix(key) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        int[] oldCounts = counts;
        keys = new long[capacity];
        heads = new int[capacity];
        counts = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                heads[s] = oldHeads[i];
                counts[s] = oldCounts[i];
            }
        }
    }
}
