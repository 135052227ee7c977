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

    void markBuiltIn(boolean firstParty) {
        this.builtIn = true;
        this.firstParty = firstParty;
    }

    void replaceScopes(List<String> newScopes) {
        this.scopes = new ArrayList<>(newScopes);
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
