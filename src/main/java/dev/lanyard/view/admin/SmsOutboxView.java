package dev.lanyard.view.admin;

import dev.lanyard.sms.OutboxGateway;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The admin page "SMS outbox": what the development gateway kept for the administrator's domain, newest first. */
@Named
@RequestScoped
public class SmsOutboxView {

    static final int SHOWN = 50;

    @Inject
    AdminConsole console;

    @Inject
    OutboxGateway outbox;

    private List<OutboxGateway.Entry> messages;

    public List<OutboxGateway.Entry> getMessages() {
        if (messages == null) {
            messages = outbox.newest(console.domainId(), SHOWN);
        }
        return messages;
    }
}
