package dev.lanyard.view.admin;

import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.sms.OutboxGateway;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;

/** The admin page "SMS outbox": what the development gateway kept for the administrator's domain, newest first. */
@Named
@RequestScoped
public class SmsOutboxView {

    static final int SHOWN = 50;

    @Inject
    SecurityContext securityContext;

    @Inject
    OutboxGateway outbox;

    private List<OutboxGateway.Entry> messages;

    public List<OutboxGateway.Entry> getMessages() {
        if (messages == null) {
            LanyardPrincipal caller = securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst().orElseThrow();
            messages = outbox.newest(caller.getDomainId(), SHOWN);
        }
        return messages;
    }
}
