package dev.lanyard.app;

import dev.lanyard.database.StringListConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An OAuth client of one domain; {@code appId} is its client_id. */
@Entity
@Table(name = "apps")
public class App {

    /** PDS's default access-token lifetime. */
    public static final int DEFAULT_ACCESS_TOKEN_SECONDS = 7200;
    public static final int DEFAULT_REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
    /** Scopes an app may list (API, console): at most 50, each an RFC 6749 scope token of at most 100 characters. */
    public static final int MAX_SCOPES = 50;
    public static final int MAX_SCOPE_LENGTH = 100;
    /** The apps.scopes column holds the list joined by new lines. */
    private static final int MAX_SCOPES_STORED = 2000;
    private static final java.util.regex.Pattern SCOPE_TOKEN = java.util.regex.Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** What is wrong with a list of scopes, or null when it may be registered. */
    public static String problemWithScopes(List<String> scopes) {
        if (scopes.size() > MAX_SCOPES) {
            return "must list at most " + MAX_SCOPES + " scopes";
        }
        for (String scope : scopes) {
            if (scope.length() > MAX_SCOPE_LENGTH || !SCOPE_TOKEN.matcher(scope).matches()) {
                return "must be words of 1 to " + MAX_SCOPE_LENGTH + " printable ASCII characters without quotes or backslashes";
            }
        }
        if (String.join("\n", scopes).length() > MAX_SCOPES_STORED) {
            return "must be at most " + MAX_SCOPES_STORED + " characters together";
        }
        return scopes.size() != new java.util.HashSet<>(scopes).size() ? "lists a scope twice" : null;
    }

    /** The lifetimes an administrator may give an app's tokens (import file, console). */
    public static final int MIN_ACCESS_TOKEN_SECONDS = 60;
    public static final int MAX_ACCESS_TOKEN_SECONDS = 86_400;
    public static final int MIN_REFRESH_TOKEN_SECONDS = 300;
    public static final int MAX_REFRESH_TOKEN_SECONDS = 365 * 86_400;
    /** The most public keys a JWT app holds (two or three during a rotation). */
    public static final int MAX_PUBLIC_KEYS = 10;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "app_id")
    private String appId;

    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "app_type")
    private AppType type;

    @Enumerated(EnumType.STRING)
    private AppStatus status;

    @Column(name = "built_in")
    private boolean builtIn;

    @Column(name = "first_party")
    private boolean firstParty;

    /** Slow salted hash of the client secret (WebServer apps); the secret itself is shown once at creation. */
    @Column(name = "secret_hash")
    private String secretHash;

    @Convert(converter = StringListConverter.class)
    @Column(name = "redirect_uris")
    private List<String> redirectUris = new ArrayList<>();

    @Convert(converter = StringListConverter.class)
    private List<String> scopes = new ArrayList<>();

    /** The user systems this app may offer on the logon page; empty means all that the domain enables. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "user_systems")
    private List<String> userSystems = new ArrayList<>();

    @Column(name = "access_token_seconds")
    private int accessTokenSeconds = DEFAULT_ACCESS_TOKEN_SECONDS;

    @Column(name = "refresh_token_seconds")
    private int refreshTokenSeconds = DEFAULT_REFRESH_TOKEN_SECONDS;

    @OneToMany(mappedBy = "app", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("kid")
    private List<AppPublicKey> publicKeys = new ArrayList<>();

    /** JWT apps: where the app publishes its keys, instead of (or beside) uploaded PEMs. */
    @Column(name = "jwks_url")
    private String jwksUrl;

    /** JWT apps: may ask for the domain's service token (sub_type=service, superadmin rights). */
    @Column(name = "service_tokens")
    private boolean serviceTokens;

    /** JWT apps: an assertion with auto_create may create a user that does not exist yet. */
    @Column(name = "auto_create_users")
    private boolean autoCreateUsers;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected App() {
    }

    public App(String domainId, String appId, String name, AppType type, Instant now) {
        this.domainId = domainId;
        this.appId = appId;
        this.name = name;
        this.type = type;
        this.status = AppStatus.ENABLED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public boolean isEnabled() {
        return status == AppStatus.ENABLED;
    }

    public void setStatus(AppStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    /** The declared configuration of an app (import, management API); true when something changed. */
    public boolean configure(String name, AppType type, List<String> redirectUris, List<String> scopes, List<String> userSystems,
                             boolean firstParty, int accessTokenSeconds, int refreshTokenSeconds, AppStatus status, Instant now) {
        boolean changed = !name.equals(this.name) || type != this.type || !redirectUris.equals(this.redirectUris)
                || !scopes.equals(this.scopes) || !userSystems.equals(this.userSystems) || firstParty != this.firstParty
                || accessTokenSeconds != this.accessTokenSeconds || refreshTokenSeconds != this.refreshTokenSeconds
                || status != this.status;
        if (changed) {
            this.name = name;
            this.type = type;
            this.redirectUris = new ArrayList<>(redirectUris);
            this.scopes = new ArrayList<>(scopes);
            this.userSystems = new ArrayList<>(userSystems);
            this.firstParty = firstParty;
            this.accessTokenSeconds = accessTokenSeconds;
            this.refreshTokenSeconds = refreshTokenSeconds;
            this.status = status;
            this.updatedAt = now;
        }
        return changed;
    }

    /** What a JWT app's assertions may do, and where its keys are published; true when something changed. */
    public boolean configureAssertions(String jwksUrl, boolean serviceTokens, boolean autoCreateUsers, Instant now) {
        if (java.util.Objects.equals(jwksUrl, this.jwksUrl) && serviceTokens == this.serviceTokens
                && autoCreateUsers == this.autoCreateUsers) {
            return false;
        }
        this.jwksUrl = jwksUrl;
        this.serviceTokens = serviceTokens;
        this.autoCreateUsers = autoCreateUsers;
        this.updatedAt = now;
        return true;
    }

    /** Sets the stored hash of the client secret; true when it changed. */
    public boolean setSecretHash(String secretHash, Instant now) {
        if (java.util.Objects.equals(secretHash, this.secretHash)) {
            return false;
        }
        this.secretHash = secretHash;
        this.updatedAt = now;
        return true;
    }

    /** Makes the JWT public keys exactly these (kid to PEM); true when something changed. */
    public boolean replacePublicKeys(java.util.Map<String, String> pemByKid, Instant now) {
        java.util.Map<String, String> current = new java.util.TreeMap<>();
        publicKeys.forEach(k -> current.put(k.getKid(), k.getPem()));
        if (current.equals(new java.util.TreeMap<>(pemByKid))) {
            return false;
        }
        publicKeys.removeIf(k -> !pemByKid.containsKey(k.getKid()) || !pemByKid.get(k.getKid()).equals(k.getPem()));
        java.util.Set<String> kept = new java.util.HashSet<>();
        publicKeys.forEach(k -> kept.add(k.getKid()));
        pemByKid.forEach((kid, pem) -> {
            if (!kept.contains(kid)) {
                publicKeys.add(new AppPublicKey(this, kid, pem, now));
            }
        });
        this.updatedAt = now;
        return true;
    }

    void markBuiltIn(boolean firstParty) {
        this.builtIn = true;
        this.firstParty = firstParty;
    }

    void replaceScopes(List<String> newScopes) {
        this.scopes = new ArrayList<>(newScopes);
    }

    public String getJwksUrl() {
        return jwksUrl;
    }

    public boolean isServiceTokens() {
        return serviceTokens;
    }

    public boolean isAutoCreateUsers() {
        return autoCreateUsers;
    }

    public Long getId() {
        return id;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getAppId() {
        return appId;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public AppType getType() {
        return type;
    }

    public AppStatus getStatus() {
        return status;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }

    public boolean isFirstParty() {
        return firstParty;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public List<String> getRedirectUris() {
        return List.copyOf(redirectUris);
    }

    public List<String> getScopes() {
        return List.copyOf(scopes);
    }

    public List<String> getUserSystems() {
        return List.copyOf(userSystems);
    }

    public int getAccessTokenSeconds() {
        return accessTokenSeconds;
    }

    public int getRefreshTokenSeconds() {
        return refreshTokenSeconds;
    }

    public List<AppPublicKey> getPublicKeys() {
        return List.copyOf(publicKeys);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
