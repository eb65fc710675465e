package id.simpul.canonical;

import java.util.HashSet;
import java.util.Set;

/**
 * Which permit status ({@code kd_status}) is ahead of which, so that nothing the hub sends OSS takes a permit back
 * to an earlier status than OSS shows. The PIA gives no ordering, only the codes and what each means (Lampiran
 * 10, {@code reference/pia-4.3.22-lampiran.md}); this reads one from them (docs/operations.md, "Which status
 * is ahead"):
 * <ol>
 *   <li><b>the application</b>: 05 screening … 49 number taken, in the order Lampiran 10 lists them, which is the
 *       order of the procedure (requirements, documents, commitments, validation, payment, inspection,
 *       requirement confirmation, number). A later code is ahead of an earlier one. Steps that go back (11
 *       documents incomplete, 34 payment correction, 41/43 confirmation again) are thereby never re-sent over a
 *       later step: a person decides;</li>
 *   <li><b>the decision</b>: 50 approved, 52 issued provisionally, 57 approved automatically (fiktif positif), 90
 *       rejected, 93 requirements rejected, and 58 issued (OSS's own, in {@code checkLicenseStatus} answers), each
 *       ahead of every application step. 58 is ahead of the approvals 50, 52, 57; other decisions are not
 *       ordered among themselves (an approval against a refusal, two approvals by different hands);</li>
 *   <li><b>supervision of an issued permit</b>: 60 warning, 70 activity stopped, 80 administrative fine, ahead of
 *       the application steps and of the approvals (there is no sanction on a permit never approved); not ordered
 *       against the refusals nor among themselves.</li>
 * </ol>
 * A code outside these is ordered against nothing.
 */
public final class StatusProgress {

    /** How a status stands against another. */
    public enum Order {
        AHEAD, SAME, BEHIND, UNORDERED
    }

    private static final Set<String> APPLICATION = Set.of("05", "09", "10", "11", "12", "20", "30", "31", "32", "33",
            "34", "40", "41", "42", "43", "44", "45", "49");
    private static final Set<String> APPROVED = Set.of("50", "52", "57");
    private static final String ISSUED = "58";
    private static final Set<String> REFUSED = Set.of("90", "93");
    private static final Set<String> SUPERVISION = Set.of("60", "70", "80");
    private static final Set<String> KNOWN = known();

    private StatusProgress() {
    }

    /** How {@code status} stands against {@code other}: {@link Order#AHEAD} when it comes later. */
    public static Order compare(String status, String other) {
        if (status == null || other == null || !KNOWN.contains(status) || !KNOWN.contains(other)) {
            return status != null && status.equals(other) ? Order.SAME : Order.UNORDERED;
        }
        if (status.equals(other)) {
            return Order.SAME;
        }
        if (APPLICATION.contains(status) && APPLICATION.contains(other)) {
            return Integer.parseInt(status) > Integer.parseInt(other) ? Order.AHEAD : Order.BEHIND;
        }
        if (APPLICATION.contains(status) || APPLICATION.contains(other)) {
            return APPLICATION.contains(other) ? Order.AHEAD : Order.BEHIND;
        }
        if (ISSUED.equals(status) && APPROVED.contains(other)) {
            return Order.AHEAD;
        }
        if (ISSUED.equals(other) && APPROVED.contains(status)) {
            return Order.BEHIND;
        }
        if (SUPERVISION.contains(status) && approved(other)) {
            return Order.AHEAD;
        }
        if (SUPERVISION.contains(other) && approved(status)) {
            return Order.BEHIND;
        }
        return Order.UNORDERED;
    }

    /** Whether sending OSS {@code status} while it shows {@code atOss} moves the permit forward. */
    public static boolean movesForward(String status, String atOss) {
        return compare(status, atOss) == Order.AHEAD;
    }

    /**
     * Whether a permit whose status is {@code status} is in force: approved, issued, or under supervision (not
     * refused, not still an application).
     */
    public static boolean inForce(String status) {
        return approved(status) || SUPERVISION.contains(status);
    }

    private static boolean approved(String status) {
        return APPROVED.contains(status) || ISSUED.equals(status);
    }

    private static Set<String> known() {
        Set<String> out = new HashSet<>(APPLICATION);
        out.addAll(APPROVED);
        out.add(ISSUED);
        out.addAll(REFUSED);
        out.addAll(SUPERVISION);
        return Set.copyOf(out);
    }
}
