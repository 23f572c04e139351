// svg_chart: small inline SVG charts for HTML reports (no scripts, no fonts to
// fetch): vertical bars with labels, optionally a cumulative-percent line
// (a Pareto chart).
#pragma once

#include <string>
#include <vector>

namespace report_analysis {

struct Bar {
    std::string label;
    double value;
};

// `percent`: values are fractions shown as 0-100 %. `pareto`: adds the
// cumulative share line over bars sorted largest first.
std::string bar_chart(const std::string& title, const std::vector<Bar>& bars, bool percent = false,
                      bool pareto = false);

}  // namespace report_analysis
