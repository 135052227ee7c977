package dev.lanyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourceTest {

    @TempDir
    Path dir;

    @Test
    void generatesAPrivateKeyFileOnceAndReadsItBack() throws Exception {
        byte[] first = MasterKeySource.load(Map.of(), new Properties(), dir);
        byte[] second = MasterKeySource.load(Map.of(), new Properties(), dir);
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key")))).isEqualTo("rw-------");
    }

    @Test
    void environmentKeyWinsOverTheFile() {
        byte[] key = new byte[32];
        key[0] = 7;
        byte[] loaded = MasterKeySource.load(Map.of("LANYARD_MASTER_KEY", Base64.getEncoder().encodeToString(key)), new Properties(), dir);
        assertThat(loaded).isEqualTo(key);
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void keyFileSettingIsRead() throws Exception {
        byte[] key = new byte[32];
        key[31] = 9;
        Path file = dir.resolve("mounted.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        assertThat(MasterKeySource.load(Map.of("LANYARD_MASTER_KEY_FILE", file.toString()), new Properties(), dir)).isEqualTo(key);
    }

    @Test
    void wrongSizeOrNotBase64IsAClearError() {
        assertThatThrownBy(() -> MasterKeySource.load(Map.of("LANYARD_MASTER_KEY", "c2hvcnQ="), new Properties(), dir))
                .hasMessageContaining("LANYARD_MASTER_KEY").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKeySource.load(Map.of("LANYARD_MASTER_KEY", "***"), new Properties(), dir))
                .hasMessageContaining("not base64");
    }
}
