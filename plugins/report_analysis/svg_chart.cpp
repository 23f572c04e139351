#include "svg_chart.hpp"

#include <algorithm>
#include <cstdio>

#include "html_page.hpp"

namespace report_analysis {
using redress_plugins::html_escape;

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string shown(double v, bool percent) {
    char buf[32];
    if (percent)
        std::snprintf(buf, sizeof buf, "%.0f%%", v * 100);
    else if (v == static_cast<long long>(v))
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    else
        std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

}  // namespace

std::string bar_chart(const std::string& title, const std::vector<Bar>& bars, bool percent,
                      bool pareto) {
    const double width = 560, height = 220, left = 40, bottom = 40, top = 20;
    double plot_h = height - bottom - top;
    double max = percent ? 1.0 : 0;
    double total = 0;
    for (const auto& b : bars) {
        max = std::max(max, b.value);
        total += b.value;
    }
    if (max <= 0) max = 1;
    double slot = bars.empty() ? 0 : (width - left - 10) / static_cast<double>(bars.size());
    std::string svg =
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
        num(width) + " " + num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
        "\"><title>" + html_escape(title) + "</title>";
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(height - bottom) + "\" x2=\"" +
           num(width - 10) + "\" y2=\"" + num(height - bottom) + "\" stroke=\"#52606d\"/>";
    std::string line;
    double running = 0;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        double h = plot_h * b.value / max;
        double x = left + slot * static_cast<double>(i) + slot * 0.15;
        double w = slot * 0.7;
        svg += "<rect class=\"bar\" x=\"" + num(x) + "\" y=\"" + num(height - bottom - h) +
               "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" fill=\"#3b82f6\"><title>" +
               html_escape(b.label) + ": " + shown(b.value, percent) + "</title></rect>";
        svg += "<text x=\"" + num(x + w / 2) + "\" y=\"" + num(height - bottom - h - 4) +
               "\" font-size=\"11\" text-anchor=\"middle\">" + shown(b.value, percent) + "</text>";
        svg += "<text x=\"" + num(x + w / 2) + "\" y=\"" + num(height - bottom + 14) +
               "\" font-size=\"10\" text-anchor=\"middle\">" + html_escape(b.label.substr(0, 18)) +
               "</text>";
        if (pareto && total > 0) {
            running += b.value;
            double y = height - bottom - plot_h * running / total;
            line += (line.empty() ? "" : " ") + num(x + w / 2) + "," + num(y);
        }
    }
    if (pareto && !line.empty())
        svg += "<polyline class=\"cumulative\" points=\"" + line +
               "\" fill=\"none\" stroke=\"#dc2626\" stroke-width=\"2\"/>";
    svg += "</svg><figcaption>" + html_escape(title) + "</figcaption></figure>";
    return svg;
}

}  // namespace report_analysis
