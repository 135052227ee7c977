package dev.lanyard.usersystem.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void everyWayOfTypingOneNumberGivesOneE164Number() {
        for (String typed : new String[] {"13800138000", "138 0013 8000", "138-0013-8000", "+8613800138000", "+86 138 0013 8000"}) {
            PhoneNumbers.Phone phone = PhoneNumbers.parse(typed, "86");
            assertThat(phone.e164()).as(typed).isEqualTo("+8613800138000");
            assertThat(phone.region()).isEqualTo("86");
            assertThat(phone.nationalNumber()).isEqualTo("13800138000");
        }
        assertThat(PhoneNumbers.parse("2025550123", "+1").e164()).isEqualTo("+12025550123");
        assertThat(PhoneNumbers.parse("+12025550123", "86").region()).as("the number's own prefix wins").isEqualTo("1");
    }

    @Test
    void masksAllButTheFirstThreeAndLastFourDigits() {
        PhoneNumbers.Phone phone = PhoneNumbers.parse("13800138000", "86");
        assertThat(phone.masked()).isEqualTo("138****8000");
        assertThat(phone.toString()).doesNotContain("13800138000");
    }

    @Test
    void refusesWhatIsNotAValidNumber() {
        for (String typed : new String[] {"", "   ", "abcdefghijk", "1".repeat(100), "12345", "1380013800<script>", "+999 123"}) {
            assertThatThrownBy(() -> PhoneNumbers.parse(typed, "86")).as(typed).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PhoneNumbers.parse("13800138000", "x1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumbers.parse(null, "86")).isInstanceOf(IllegalArgumentException.class);
    }
}
