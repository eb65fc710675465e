package id.simpul.g2g.access;

import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.agency.Agencies;
import id.simpul.g2g.proof.DetachedJws;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.metrics.FlowMetrics;
import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call {@code /g2g/**}: agency systems only, by API key or client certificate; the keys,
 * catalogue and OpenAPI document are public. Its own filter chain, ahead of the hub's chains (whose
 * matchers it does not overlap), stateless, no CSRF (no cookies), JSON 401/403/429. Scopes are
 * checked per handler ({@link G2gApi}); regions by every query.
 */
@Configuration(proxyBeanMethods = false)
public class G2gSecurityConfig implements WebMvcConfigurer {

    /** The public documents of the exchange (GET only). */
    public static final String[] PUBLIC_PATHS = {"/g2g/v1/keys", "/g2g/v1/catalogue", "/g2g/v1/openapi.json"};

    @Bean
    @Order(0)
    SecurityFilterChain g2gChain(HttpSecurity http, Agencies agencies, G2gProperties properties) throws Exception {
        RateLimitFilter limits = new RateLimitFilter(properties.rateLimit());
        AgencyAuthenticationFilter authentication = new AgencyAuthenticationFilter(agencies, properties.auth(), limits);
        return http.securityMatcher("/g2g/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(authentication, AnonymousAuthenticationFilter.class)
                .addFilterAfter(limits, AgencyAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Bearer realm=\"simpul-g2g\"");
                            G2gResponses.write(req, res, 401, "authentication required (API key or client certificate)");
                        })
                        .accessDeniedHandler((req, res, ex) -> G2gResponses.write(req, res, 403,
                                "this agency may not do this")))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Request ids, audit and signatures around everything under /g2g, refusals included. */
    @Bean
    FilterRegistrationBean<ProofFilter> g2gProofFilter(DetachedJws jws, AuditLog audit, Clock clock,
            FlowMetrics metrics) {
        FilterRegistrationBean<ProofFilter> registration = new FilterRegistrationBean<>(
                new ProofFilter(jws, audit, clock, metrics));
        registration.addUrlPatterns("/g2g/*");
        registration.setName("g2gProofFilter");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ScopeInterceptor()).addPathPatterns("/g2g/**");
    }
}
