package id.simpul.reconciliation.console;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks Bahasa Indonesia unless the user picks English with {@code ?lang=en}; the
 * choice is kept in a cookie. Texts live in {@code messages.properties} (Indonesian, the default)
 * and {@code messages_en.properties}.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfig implements WebMvcConfigurer {

    public static final Locale INDONESIAN = Locale.forLanguageTag("id");
    public static final String LANGUAGE_COOKIE = "simpul-lang";

    /** The bean name DispatcherServlet looks up; Boot's default (Accept-Language) steps aside. */
    @Bean
    LocaleResolver localeResolver(Environment environment) {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setDefaultLocale(INDONESIAN);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookiePath("/console");
        // Read by no script (console.js does not touch cookies). Sent over https only wherever the session
        // cookie is (the production profile; SERVER_SERVLET_SESSION_COOKIE_SECURE=false turns both off).
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSecure(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, false));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor language = new LocaleChangeInterceptor();
        language.setParamName("lang");
        language.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedLanguagesOnly(language)).addPathPatterns("/console", "/console/**");
        registry.addInterceptor(new ContentSecurityPolicy()).addPathPatterns("/console", "/console/**");
    }

    /**
     * Defence in depth behind the escaping: console pages run only the scripts and styles the hub
     * serves itself (htmx and console.js), no inline script, no eval, no framing.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static final class ContentSecurityPolicy implements org.springframework.web.servlet.HandlerInterceptor {
        @Override
        public boolean preHandle(jakarta.servlet.http.HttpServletRequest request,
                                 jakarta.servlet.http.HttpServletResponse response, Object handler) {
            response.setHeader("Content-Security-Policy", CSP);
            return true;
        }
    }

    /** Only {@code id} and {@code en}: any other {@code ?lang=} is ignored rather than stored. */
    private static final class SupportedLanguagesOnly implements org.springframework.web.servlet.HandlerInterceptor {
        private final LocaleChangeInterceptor delegate;

        SupportedLanguagesOnly(LocaleChangeInterceptor delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean preHandle(jakarta.servlet.http.HttpServletRequest request,
                                 jakarta.servlet.http.HttpServletResponse response, Object handler)
                throws jakarta.servlet.ServletException {
            String lang = request.getParameter("lang");
            if (lang == null || !(lang.equals("id") || lang.equals("en"))) {
                return true;
            }
            return delegate.preHandle(request, response, handler);
        }
    }
}
