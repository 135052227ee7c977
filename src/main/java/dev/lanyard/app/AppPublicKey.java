package dev.lanyard.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A public key (PEM) with which a JWT app signs its assertions, chosen by {@code kid}. */
@Entity
@Table(name = "app_public_keys")
public class AppPublicKey {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "app_ref")
    private App app;

    private String kid;
    private String pem;

    @Column(name = "created_at")
    private Instant createdAt;

    protected AppPublicKey() {
    }

    public AppPublicKey(App app, String kid, String pem, Instant now) {
        this.app = app;
        this.kid = kid;
        this.pem = pem;
        this.createdAt = now;
    }

    public String getKid() {
        return kid;
    }

    public String getPem() {
        return pem;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
