package id.simpul.g2g.access;

import id.simpul.g2g.agency.Agencies;
import id.simpul.platform.region.Regions;
import java.util.List;

/** The authenticated agency system behind a G2G request: its effective scopes and regions. */
public record AgencyPrincipal(String agencyId, String clientId, String agencyName, List<String> scopes,
                              List<String> regionPrefixes, Integer rateLimit, Integer ratePeriodSeconds) {

    public AgencyPrincipal {
        scopes = List.copyOf(scopes);
        regionPrefixes = List.copyOf(regionPrefixes);
    }

    static AgencyPrincipal of(Agencies.Member member) {
        return new AgencyPrincipal(member.agency().id(), member.client().id(), member.agency().name(),
                member.scopes(), member.agency().regionPrefixes(), member.agency().rateLimit(),
                member.agency().ratePeriodSeconds());
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** May this agency see a record of region {@code kdDaerah}? Records without a region are nobody's. */
    public boolean sees(String kdDaerah) {
        return Regions.covers(regionPrefixes, kdDaerah);
    }

    /** The audit log's actor for this agency. */
    public String actor() {
        return "agency:" + agencyId;
    }
}
