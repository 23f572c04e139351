// redress-bench: the measured figures of docs/performance.md. Each benchmark
// takes its size from arguments and prints plain lines, then one JSON line.
//
//   redress-bench generate --db FILE [--complaints N] [--open-share X] [--seed S]
//   redress-bench sla [--open 1000,1000000] [--due 100]
//   redress-bench reads --db FILE [--queries N]
//   redress-bench intake [--seconds 5] [--connections 1,8,64] [--threads 72] [--config FILE]
//                        [--storage postgresql://...] [--hosts N]
//   redress-bench report --db FILE [--period 2026-10]
//   redress-bench soak [--minutes 30] [--connections 8] [--sample-seconds 30] [--rate N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "bench_util.hpp"
#include "config/host_config.hpp"
#include "core/complaint_service.hpp"
#include "core/escalation.hpp"
#include "core/report_request.hpp"
#include "core/runtime.hpp"
#include "generate.hpp"
#include "intake.hpp"
#include "log/logger.hpp"
#include "storage/migrations.hpp"
#include "storage/statistics.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace redress;

namespace {

using bench::arg;
using bench::Args;
using bench::ms_since;
using bench::quantile;

// The shipped configuration's domain (categories, matrix, SLA, calendar).
domain::DomainConfig shipped_domain() {
    fs::path config = fs::path(REDRESS_BENCH_SOURCE_DIR) / "config" / "redress.json";
    return core::load_domain(config::load_host_config(config));
}

std::unique_ptr<storage::Database> open_sqlite(const fs::path& file) {
    auto db =
        storage::Database::open("sqlite:" + fs::absolute(file).string(), file.parent_path(), 4);
    storage::migrate(*db);
    return db;
}

int generate_command(const Args& a) {
    fs::path file = arg(a, "--db", "bench.db");
    auto db = open_sqlite(file);
    auto domain = shipped_domain();
    bench::GenerateOptions o;
    o.complaints = std::stoll(arg(a, "--complaints", "1000000"));
    o.open_share = std::stod(arg(a, "--open-share", "0.2"));
    o.seed = static_cast<std::uint32_t>(std::stoul(arg(a, "--seed", "42")));
    o.until =
        std::chrono::time_point_cast<domain::Time::duration>(std::chrono::system_clock::now());
    auto r = bench::generate(*db, domain, o);
    std::printf("generate: %lld complaints, %lld events in %.1f s (%.0f complaints/s) into %s\n",
                static_cast<long long>(r.complaints), static_cast<long long>(r.events), r.seconds,
                static_cast<double>(r.complaints) / r.seconds, file.c_str());
    std::cout << json{{"benchmark", "generate"},
                      {"complaints", r.complaints},
                      {"events", r.events},
                      {"seconds", r.seconds}}
              << "\n";
    return 0;
}

// The SLA sweep with `open` complaints whose checkpoints lie ahead and `due`
// that are overdue: the time to find and process what is due.
json sla_once(std::int64_t open, std::int64_t due, const domain::DomainConfig& domain) {
    fs::path dir = fs::temp_directory_path() / ("redress-bench-sla-" + std::to_string(open));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto db = open_sqlite(dir / "sla.db");
    auto now =
        std::chrono::time_point_cast<domain::Time::duration>(std::chrono::system_clock::now());
    bench::GenerateOptions ahead;
    ahead.complaints = open;
    ahead.open_share = 1.0;
    ahead.open_within_hours = 1;  // received within the hour: nothing due yet
    ahead.until = now;
    bench::generate(*db, domain, ahead);
    // The due ones: received a month ago and left untouched, so every
    // milestone has passed; the seed keeps them unlike the others.
    bench::GenerateOptions overdue = ahead;
    overdue.complaints = due;
    overdue.seed = 7;
    overdue.open_within_hours = 24;
    overdue.until = now - std::chrono::hours(24 * 30);
    bench::generate(*db, domain, overdue);
    domain::ManualClock clock(now);
    core::ComplaintService service(*db, domain, clock, nullptr);
    core::SlaSweep sweep(service, nullptr, std::chrono::seconds(30));
    auto started = std::chrono::steady_clock::now();
    int fired = sweep.sweep_once();
    double took = ms_since(started);
    fs::remove_all(dir);
    return {{"open", open}, {"due", due}, {"checkpoints_fired", fired}, {"sweep_ms", took}};
}

int sla_command(const Args& a) {
    auto domain = shipped_domain();
    std::int64_t due = std::stoll(arg(a, "--due", "100"));
    auto sizes = bench::numbers(arg(a, "--open", "1000,1000000"));
    json runs = json::array();
    for (auto n : sizes) {
        json r = sla_once(n, due, domain);
        std::printf("sla sweep: %lld open, %lld due: %d checkpoints fired in %.1f ms\n",
                    static_cast<long long>(n), static_cast<long long>(due),
                    r["checkpoints_fired"].get<int>(), r["sweep_ms"].get<double>());
        runs.push_back(r);
    }
    json out = {{"benchmark", "sla_sweep"}, {"runs", runs}};
    if (runs.size() >= 2) {
        double ratio =
            runs.back()["sweep_ms"].get<double>() / runs.front()["sweep_ms"].get<double>();
        std::printf("sla sweep: largest / smallest = %.2fx (target: at most 2x)\n", ratio);
        out["ratio"] = ratio;
    }
    std::cout << out << "\n";
    return 0;
}

int reads_command(const Args& a) {
    fs::path file = arg(a, "--db", "bench.db");
    if (!fs::exists(file)) {
        std::fprintf(stderr, "reads: %s does not exist (make it with `generate`)\n", file.c_str());
        return 2;
    }
    auto db = open_sqlite(file);
    auto domain = shipped_domain();
    domain::SystemClock clock;
    core::ComplaintService service(*db, domain, clock, nullptr);
    int queries = std::stoi(arg(a, "--queries", "200"));
    const char* texts[] = {"漏水", "parcel", "冒烟", "charged", "退货"};
    const char* categories[] = {"product", "logistics", "service", "policy"};
    std::vector<double> list_ms, find_ms;
    // Each combination's times and what it counted: what the figure is made of.
    std::map<std::string, std::pair<std::vector<double>, std::string>> by_query;
    std::vector<std::string> numbers;
    long long total = 0;
    for (int i = 0; i < queries; ++i) {
        storage::ComplaintFilter f;
        f.states = {"acknowledged", "investigating", "proposed", "agreed", "executing"};
        f.priorities = {"normal", "urgent"};
        f.category = categories[i % 4];
        f.text = texts[i % 5];
        f.limit = 50;
        auto started = std::chrono::steady_clock::now();
        auto page = service.list(f);
        list_ms.push_back(ms_since(started));
        auto& combination = by_query[f.category + " + " + f.text];
        combination.first.push_back(list_ms.back());
        combination.second = page.total_exact ? std::to_string(page.total)
                                              : "more than " + std::to_string(page.total);
        total += page.total;
        for (const auto& c : page.items)
            if (numbers.size() < 1000) numbers.push_back(c.number());
    }
    if (numbers.empty()) numbers.push_back("CP-00000000-000000");
    for (int i = 0; i < queries; ++i) {
        auto started = std::chrono::steady_clock::now();
        auto record = service.find(numbers[static_cast<std::size_t>(i) % numbers.size()]);
        find_ms.push_back(ms_since(started));
    }
    long long complaints = 0;
    {
        soci::session s(db->pool());
        s << "SELECT COUNT(*) FROM complaints", soci::into(complaints);
    }
    std::printf(
        "reads: %lld complaints; list (states, priorities, category, text, 50 a page): "
        "p50 %.2f ms, p95 %.2f ms (%.0f matches on average)\n",
        complaints, quantile(list_ms, 0.5), quantile(list_ms, 0.95),
        static_cast<double>(total) / queries);
    for (auto& [query, times] : by_query)
        std::printf("reads:   %-22s p50 %7.2f ms  (%s matches)\n", query.c_str(),
                    quantile(times.first, 0.5), times.second.c_str());
    std::printf("reads: one complaint with its timeline: p50 %.2f ms, p95 %.2f ms\n",
                quantile(find_ms, 0.5), quantile(find_ms, 0.95));
    std::cout << json{{"benchmark", "reads"},
                      {"complaints", complaints},
                      {"list_p50_ms", quantile(list_ms, 0.5)},
                      {"list_p95_ms", quantile(list_ms, 0.95)},
                      {"find_p50_ms", quantile(find_ms, 0.5)},
                      {"find_p95_ms", quantile(find_ms, 0.95)}}
              << "\n";
    return 0;
}

// The monthly analysis over the data set: storage::statistics (what the report
// plugin asks the host for) timed here, and the very statements it ran, with
// their parameters written in, timed in SQLite's own command-line client.
int report_command(const Args& a) {
    fs::path file = arg(a, "--db", "bench.db");
    if (!fs::exists(file)) {
        std::fprintf(stderr, "report: %s does not exist (make it with `generate`)\n", file.c_str());
        return 2;
    }
    auto db = open_sqlite(file);
    std::string period = arg(a, "--period", "");
    if (period.empty()) {
        // The month before this one, which the data set covers in full.
        auto now = std::chrono::system_clock::now() - std::chrono::hours(24 * 31);
        std::time_t t = std::chrono::system_clock::to_time_t(now);
        char buf[16];
        std::strftime(buf, sizeof buf, "%Y-%m", std::gmtime(&t));
        period = buf;
    }
    auto domain = shipped_domain();
    json request = core::report_request(period, "json", json::object(), domain.sla.calendar());
    auto r = storage::statistics_request(request);
    std::ostringstream log;
    std::vector<double> host_ms;
    json figures;
    for (int i = 0; i < 3; ++i) {
        soci::session s(db->pool());
        if (i == 0) s.set_log_stream(&log);
        auto started = std::chrono::steady_clock::now();
        figures = storage::statistics(s, r);
        host_ms.push_back(ms_since(started));
        s.set_log_stream(nullptr);
    }
    // The statements as run, one per line in the log, with the bounds written in.
    std::string script, line;
    std::istringstream lines(log.str());
    int statements = 0;
    while (std::getline(lines, line)) {
        for (auto [name, value] : {std::pair{std::string(":from"), std::to_string(r.from)},
                                   std::pair{std::string(":to"), std::to_string(r.to)}})
            for (auto at = line.find(name); at != std::string::npos; at = line.find(name))
                line.replace(at, name.size(), value);
        script += line + ";\n";
        ++statements;
    }
    fs::path sql = fs::temp_directory_path() / "redress-bench-report.sql";
    std::ofstream(sql) << script;
    std::vector<double> cli_ms;
    for (int i = 0; i < 3; ++i) {
        auto started = std::chrono::steady_clock::now();
        std::string command =
            "sqlite3 '" + fs::absolute(file).string() + "' < '" + sql.string() + "' > /dev/null";
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("sqlite3 failed: " + command);
        cli_ms.push_back(ms_since(started));
    }
    double host = quantile(host_ms, 0.5), cli = quantile(cli_ms, 0.5);
    std::printf(
        "report %s over %lld complaints in the period (%d statements): host %.1f ms,"
        " sqlite3 client %.1f ms, ratio %.2f (target: at most 1.5)\n",
        period.c_str(), figures["volume"].get<long long>(), statements, host, cli, host / cli);
    std::cout << json{{"benchmark", "report"},    {"period", period}, {"volume", figures["volume"]},
                      {"statements", statements}, {"host_ms", host},  {"sqlite3_ms", cli},
                      {"ratio", host / cli}}
              << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    log::set_threshold(log::Level::warning);
    std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "generate") return generate_command(bench::parse_args(argc, argv));
        if (command == "sla") return sla_command(bench::parse_args(argc, argv));
        if (command == "reads") return reads_command(bench::parse_args(argc, argv));
        if (command == "intake") return bench::intake_command(bench::parse_args(argc, argv));
        if (command == "soak") return bench::soak_command(bench::parse_args(argc, argv));
        if (command == "report") return report_command(bench::parse_args(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "redress-bench %s: %s\n", command.c_str(), e.what());
        return 1;
    }
    std::fprintf(stderr,
                 "usage: redress-bench generate --db FILE [--complaints N] [--open-share X]\n"
                 "       redress-bench sla [--open 1000,1000000] [--due 100]\n"
                 "       redress-bench reads --db FILE [--queries N]\n"
                 "       redress-bench intake [--seconds 5] [--connections 1,8,64] [--threads 72] "
                 "[--config FILE]\n"
                 "       redress-bench report --db FILE [--period 2026-10]\n"
                 "       redress-bench soak [--minutes 30] [--connections 8] [--sample-seconds 30] "
                 "[--rate N]\n");
    return 2;
}
