package id.simpul.g2g.access;

import id.simpul.g2g.Scopes;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated agency system; its authorities are its scopes ({@code SCOPE_permits:read}, …). */
public final class AgencyAuthentication extends AbstractAuthenticationToken {

    private final AgencyPrincipal principal;

    AgencyAuthentication(AgencyPrincipal principal) {
        super(principal.scopes().stream().map(s -> new SimpleGrantedAuthority(Scopes.authority(s))).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public AgencyPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.actor();
    }
}
