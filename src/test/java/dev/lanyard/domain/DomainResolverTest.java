package dev.lanyard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainResolverTest {

    private final Set<String> existing = Set.of("default", "acme");
    private final DomainResolver resolver = new DomainResolver(".id.example.com", "default");

    @Test
    void firstLabelNamesAnExistingDomain() {
        assertThat(resolver.resolve("acme.id.example.com", existing::contains)).isEqualTo("acme");
        assertThat(resolver.resolve("ACME.ID.EXAMPLE.COM:8443", existing::contains)).isEqualTo("acme");
    }

    @Test
    void unknownLabelFallsBackToTheDefaultDomain() {
        assertThat(resolver.resolve("nope.id.example.com", existing::contains)).isEqualTo("default");
    }

    @Test
    void hostsOutsideTheSuffixAndAddressesGoToTheDefaultDomain() {
        assertThat(resolver.resolve("127.0.0.1:8080", existing::contains)).isEqualTo("default");
        assertThat(resolver.resolve("acme.other.com", existing::contains)).isEqualTo("default");
        assertThat(resolver.resolve("[::1]:8080", existing::contains)).isEqualTo("default");
        assertThat(resolver.resolve(null, existing::contains)).isEqualTo("default");
        assertThat(resolver.resolve("", existing::contains)).isEqualTo("default");
    }

    @Test
    void nestedLabelsAndOddCharactersNeverNameADomain() {
        assertThat(resolver.candidate("a.acme.id.example.com")).isEmpty();
        assertThat(resolver.candidate(".id.example.com")).isEmpty();
        assertThat(resolver.candidate("ac_me.id.example.com")).isEmpty();
        assertThat(resolver.candidate("x".repeat(64) + ".id.example.com")).isEmpty();
    }

    @Test
    void withoutASuffixEveryRequestIsTheDefaultDomain() {
        DomainResolver noSuffix = new DomainResolver("", "default");
        assertThat(noSuffix.resolve("acme.id.example.com", existing::contains)).isEqualTo("default");
    }

    @Test
    void suffixWithoutLeadingDotIsAccepted() {
        DomainResolver resolver = new DomainResolver("lanyard.test", "default");
        assertThat(resolver.resolve("acme.lanyard.test", existing::contains)).isEqualTo("acme");
    }
}
