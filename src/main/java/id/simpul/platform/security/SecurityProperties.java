package id.simpul.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simpul.security.*}: the key that turns a NIK into the audit log's data-subject key (empty: one
 * generated in the data folder, see {@link PersonalData}) and the first admin account (an empty password:
 * one generated and printed once at start). Both secrets come from the environment in production.
 */
@ConfigurationProperties(prefix = "simpul.security")
public record SecurityProperties(String subjectKey, Admin admin) {

    public SecurityProperties {
        subjectKey = subjectKey == null ? "" : subjectKey;
        admin = admin == null ? new Admin(null, null) : admin;
    }

    public record Admin(String username, String password) {
        public Admin {
            username = username == null || username.isBlank() ? "admin" : username;
            password = password == null ? "" : password;
        }
    }
}
