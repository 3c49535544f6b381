package org.muster.server;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Muster's own settings, from the configuration file ({@code muster serve --config FILE}) and the
 * environment ({@code MUSTER_STORE}, {@code MUSTER_DATA}, {@code MUSTER_OSM}, ...). See README.
 */
@ConfigurationProperties("muster")
public class MusterProperties {
    /** The event log: {@code sqlite:FILE} (embedded, the default) or a {@code jdbc:postgresql://} URL. */
    private String store = "sqlite:data/muster.db";

    /** The data directory: prepared road graphs, imported zones. */
    private String data = "data";

    /** The road network's OpenStreetMap file; without one there are no recommendations or coverage. */
    private String osm = "";

    /** A tile URL template for the dashboard's map; empty draws the road network instead. */
    private String tiles = "";

    /** How fast Muster's clock runs against real time: 1, except in the demo. Tells the dashboard. */
    private double clockRate = 1.0;

    /** Dashboard users with a password. */
    private List<User> users = new ArrayList<>();

    /** API tokens for integrations; only their SHA-256 is configured. */
    private List<Token> tokens = new ArrayList<>();

    /** Roles of people who sign in with OpenID Connect, by subject or e-mail. */
    private List<OidcUser> oidcUsers = new ArrayList<>();

    public static class User {
        private String name = "";
        /** An encoded hash: {@code {argon2}...} as {@code muster user hash-password} prints it. */
        private String passwordHash = "";

        private List<String> roles = new ArrayList<>();
        /** Organisation ids the user acts for; {@code *} for all. */
        private List<String> organisations = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public List<String> getOrganisations() {
            return organisations;
        }

        public void setOrganisations(List<String> organisations) {
            this.organisations = organisations;
        }
    }

    public static class Token {
        private String name = "";
        /** The token's SHA-256, hex, as {@code muster user new-token} prints it. */
        private String sha256 = "";

        private List<String> roles = new ArrayList<>();
        private List<String> organisations = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getSha256() {
            return sha256;
        }

        public void setSha256(String sha256) {
            this.sha256 = sha256;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public List<String> getOrganisations() {
            return organisations;
        }

        public void setOrganisations(List<String> organisations) {
            this.organisations = organisations;
        }
    }

    public static class OidcUser {
        /** The ID token's {@code sub} or {@code email} claim. */
        private String subject = "";

        private List<String> roles = new ArrayList<>();
        private List<String> organisations = new ArrayList<>();

        public String getSubject() {
            return subject;
        }

        public void setSubject(String subject) {
            this.subject = subject;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public List<String> getOrganisations() {
            return organisations;
        }

        public void setOrganisations(List<String> organisations) {
            this.organisations = organisations;
        }
    }

    public double getClockRate() {
        return clockRate;
    }

    public void setClockRate(double clockRate) {
        this.clockRate = clockRate;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }

    public String getOsm() {
        return osm;
    }

    public void setOsm(String osm) {
        this.osm = osm;
    }

    public String getTiles() {
        return tiles;
    }

    public void setTiles(String tiles) {
        this.tiles = tiles;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public List<Token> getTokens() {
        return tokens;
    }

    public void setTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    public List<OidcUser> getOidcUsers() {
        return oidcUsers;
    }

    public void setOidcUsers(List<OidcUser> oidcUsers) {
        this.oidcUsers = oidcUsers;
    }
}
