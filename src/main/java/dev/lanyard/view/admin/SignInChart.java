package dev.lanyard.view.admin;

import dev.lanyard.audit.AuditQueries.DailySignIns;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Sign-ins per day as an inline SVG, drawn on the server (no script, nothing loaded from elsewhere): per day one bar of
 * successful sign-ins stacked by user system, and beside it one bar of failures. It scales with its container
 * (viewBox) and says what it shows in its title for screen readers; the numbers are also in the table under it.
 */
final class SignInChart {

    private static final Map<String, String> COLOURS = new LinkedHashMap<>();

    static {
        COLOURS.put("password", "#2f5d9e");
        COLOURS.put("mobile", "#3c8d5a");
        COLOURS.put("dingtalk", "#1e88c8");
        COLOURS.put("ram", "#d08a1a");
        COLOURS.put("other", "#7a7a7a");
    }

    private static final String FAILURE_COLOUR = "#b3261e";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 40;
    private static final int BOTTOM = 40;
    private static final int TOP = 16;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

    private SignInChart() {
    }

    /**
     * The SVG markup; {@code title} and the labels are escaped, everything else is numbers. {@code systemLabel} names
     * a user system (password, mobile, dingtalk, ram, other) in the reader's language, for the legend and the tooltips.
     */
    static String svg(List<DailySignIns> days, String title, String failuresLabel, UnaryOperator<String> systemLabel) {
        long max = 1;
        for (DailySignIns day : days) {
            max = Math.max(max, Math.max(day.successes(), day.failures()));
        }
        double plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = (WIDTH - LEFT - 8) / (double) Math.max(1, days.size());
        double bar = Math.max(2, slot * 0.36);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"sign-in-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT + 24).append("\" aria-labelledby=\"sign-in-chart-title\">")
                .append("<title id=\"sign-in-chart-title\">").append(escape(title)).append("</title>");
        // axis and the top value
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM)).append(line(LEFT, HEIGHT - BOTTOM, WIDTH - 4, HEIGHT - BOTTOM));
        svg.append(text(LEFT - 6, TOP + 4, "end", Long.toString(max))).append(text(LEFT - 6, HEIGHT - BOTTOM, "end", "0"));
        for (int i = 0; i < days.size(); i++) {
            DailySignIns day = days.get(i);
            double x = LEFT + 4 + i * slot;
            double y = HEIGHT - BOTTOM;
            for (Map.Entry<String, Long> system : day.successesBySystem().entrySet()) {
                if (system.getValue() == 0) {
                    continue;
                }
                double h = system.getValue() * plotHeight / max;
                y -= h;
                String shown = COLOURS.containsKey(system.getKey()) ? system.getKey() : "other"; // one colour for the rest
                svg.append(rect(x, y, bar, h, COLOURS.get(shown), day.day() + " " + systemLabel.apply(shown) + ": " + system.getValue()));
            }
            if (day.failures() > 0) {
                double h = day.failures() * plotHeight / max;
                svg.append(rect(x + bar + 1, HEIGHT - BOTTOM - h, bar, h, FAILURE_COLOUR, day.day() + " " + failuresLabel + ": " + day.failures()));
            }
            if (days.size() <= 16 || i % 2 == 0) {
                svg.append(text(x + bar, HEIGHT - BOTTOM + 14, "middle", DAY.format(day.day())));
            }
        }
        double legendX = LEFT;
        for (Map.Entry<String, String> colour : COLOURS.entrySet()) {
            svg.append(legend(legendX, colour.getValue(), systemLabel.apply(colour.getKey())));
            legendX += 100;
        }
        svg.append(legend(legendX, FAILURE_COLOUR, failuresLabel));
        return svg.append("</svg>").toString();
    }

    private static String legend(double x, String colour, String label) {
        int y = HEIGHT - 8;
        return "<rect x=\"" + fmt(x) + "\" y=\"" + (y - 9) + "\" width=\"10\" height=\"10\" fill=\"" + colour + "\"/>"
                + text(x + 14, y, "start", label);
    }

    private static String rect(double x, double y, double w, double h, String colour, String tooltip) {
        return "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) + "\" height=\"" + fmt(h) + "\" fill=\"" + colour
                + "\"><title>" + escape(tooltip) + "</title></rect>";
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) + "\" stroke=\"#888\"/>";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"11\" text-anchor=\"" + anchor + "\" fill=\"#333\">"
                + escape(content) + "</text>";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
