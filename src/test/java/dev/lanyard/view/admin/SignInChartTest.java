package dev.lanyard.view.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.audit.AuditQueries.DailySignIns;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInChartTest {

    private static final Map<String, String> ZH = Map.of("password", "密码", "mobile", "手机号", "dingtalk", "钉钉",
            "ram", "RAM 用户", "other", "其他");

    @Test
    void theLegendAndTooltipsNameEachUserSystemInTheReadersLanguage() {
        Map<String, Long> bySystem = new LinkedHashMap<>();
        bySystem.put("mobile", 3L);
        bySystem.put("saml-someday", 2L); // a system the chart has no colour for counts as "other"
        String svg = SignInChart.svg(List.of(new DailySignIns(LocalDate.of(2026, 12, 6), bySystem, 1)), "每日登录 <次数>", "失败", ZH::get);

        assertThat(svg).contains("<title id=\"sign-in-chart-title\">每日登录 &lt;次数&gt;</title>");
        assertThat(svg).contains(">手机号<").contains(">钉钉<").contains(">RAM 用户<").contains(">其他<").contains(">失败<");
        assertThat(svg).contains("2026-12-06 手机号: 3").contains("2026-12-06 其他: 2").contains("2026-12-06 失败: 1");
        assertThat(svg).doesNotContain(">mobile<").doesNotContain("saml-someday");
    }
}
