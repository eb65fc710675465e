package id.simpul.g2g.agency;

import id.simpul.platform.region.Regions;
import java.time.Instant;
import java.util.List;

/**
 * A member of the exchange: the scopes it holds and the regions ({@code kd_daerah} prefixes) whose
 * records it may see.
 *
 * @param rateLimit requests per {@code ratePeriodSeconds}; null = the hub's default
 */
public record Agency(String id, String name, List<String> scopes, List<String> regionPrefixes, Integer rateLimit,
                     Integer ratePeriodSeconds, boolean enabled, Instant createdAt, Instant updatedAt) {

    public Agency {
        scopes = List.copyOf(scopes);
        regionPrefixes = List.copyOf(regionPrefixes);
    }

    /** May this agency see a record of region {@code kdDaerah}? A record without a region is nobody's. */
    public boolean sees(String kdDaerah) {
        return Regions.covers(regionPrefixes, kdDaerah);
    }
}
