#include "intake.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include <httplib.h>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "config/json_text.hpp"
#include "storage/database.hpp"

namespace redress::bench {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct LoadResult {
    long long done = 0, failed = 0;
    std::map<int, long long> failures;  // by HTTP status, 0: no answer
    double seconds = 0;
    std::vector<double> latencies_ms;

    double rate() const { return static_cast<double>(done) / seconds; }
    json to_json() const {
        return {{"requests_per_s", rate()},
                {"p50_ms", quantile(latencies_ms, 0.5)},
                {"p95_ms", quantile(latencies_ms, 0.95)},
                {"p99_ms", quantile(latencies_ms, 0.99)},
                {"done", done},
                {"failed", failed},
                {"failures_by_status", failures_json()}};
    }
    json failures_json() const {
        json out = json::object();
        for (auto [status, n] : failures) out[std::to_string(status)] = n;
        return out;
    }
};

// A realistic complaint; `n` keeps customers apart so repeat detection has
// its usual, occasional work rather than one endless chain.
std::string complaint_body(long long n) {
    static const char* texts[] = {"洗衣机漏水，地板被泡", "The parcel has not arrived after a week",
                                  "冰箱不制冷已经两天", "Charged twice for one order",
                                  "客服态度不耐烦还挂电话"};
    json body = {
        {"channel", n % 3 == 0 ? "email" : "phone"},
        {"customer",
         {{"name", "客户" + std::to_string(n)}, {"phone", "139" + std::to_string(10000000 + n)}}},
        {"description", texts[n % 5]},
        {"demand", "尽快处理"},
        {"product", "WM-X1"},
        {"region", "east"}};
    return body.dump();
}

// `connections` keep-alive clients posting for `seconds`, each waiting for its
// answer, spread over the given ports (hosts). The clients connect one after another first
// (cpp-httplib listens with a backlog of 5: a burst of connects would measure the accept queue, not
// Redress), then all start together.
// `rate`: complaints per second in all, paced evenly over the connections; 0: as fast as possible.
LoadResult run_load(const std::vector<int>& ports, const std::string& token, int connections,
                    double seconds, double rate = 0) {
    std::atomic<long long> next{0};
    std::vector<LoadResult> per(static_cast<std::size_t>(connections));
    std::vector<std::unique_ptr<httplib::Client>> clients;
    for (int c = 0; c < connections; ++c) {
        auto client = std::make_unique<httplib::Client>(
            "127.0.0.1", ports[static_cast<std::size_t>(c) % ports.size()]);
        client->set_keep_alive(true);
        client->set_tcp_nodelay(true);
        client->Get("/healthz");  // connected and kept alive
        clients.push_back(std::move(client));
    }
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto started = std::chrono::steady_clock::now();
    auto until = started + std::chrono::duration<double>(seconds);
    std::vector<std::thread> threads;
    for (int c = 0; c < connections; ++c)
        threads.emplace_back([&, c] {
            httplib::Client& client = *clients[static_cast<std::size_t>(c)];
            LoadResult& mine = per[static_cast<std::size_t>(c)];
            auto due = std::chrono::steady_clock::now();
            const auto gap = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(rate > 0 ? connections / rate : 0));
            while (std::chrono::steady_clock::now() < until) {
                if (rate > 0) {
                    std::this_thread::sleep_until(due);
                    due += gap;
                }
                std::string body = complaint_body(next++);
                auto t = std::chrono::steady_clock::now();
                auto r = client.Post("/api/v1/complaints", headers, body, "application/json");
                if (r && r->status == 201) {
                    ++mine.done;
                    mine.latencies_ms.push_back(ms_since(t));
                } else {
                    ++mine.failed;
                    ++mine.failures[r ? r->status : 0];
                }
            }
        });
    for (auto& t : threads) t.join();
    LoadResult all;
    all.seconds = ms_since(started) / 1000.0;
    for (auto& r : per) {
        all.done += r.done;
        all.failed += r.failed;
        for (auto [status, n] : r.failures) all.failures[status] += n;
        all.latencies_ms.insert(all.latencies_ms.end(), r.latencies_ms.begin(),
                                r.latencies_ms.end());
    }
    return all;
}

// Floor 1: what HTTP alone costs, on the same library and thread count.
struct BareServer {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    explicit BareServer(int threads) {
        server.new_task_queue = [threads] {
            return new httplib::ThreadPool(static_cast<std::size_t>(threads));
        };
        // As the host configures its server (http/http_server.cpp).
        server.set_tcp_nodelay(true);
        server.set_keep_alive_max_count(1000);
        server.set_keep_alive_timeout(5);
        server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"status":"ok"})", "application/json");
        });
        server.Post("/api/v1/complaints", [](const httplib::Request&, httplib::Response& res) {
            res.status = 201;
            res.set_content(R"({"number":"CP-20261123-000001"})", "application/json");
        });
        port = server.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~BareServer() {
        server.stop();
        thread.join();
    }
};

// Floor 2: what storage alone costs: one committed transaction per insert of a
// stored complaint's row, with the durability the host runs the database with
// (SQLite: WAL and synchronous=FULL).
json storage_floor(const std::string& url, const std::string& schema, const fs::path& dir,
                   double seconds, const std::string& document) {
    auto db = storage::Database::open(url, dir, 1, schema);
    soci::session s(db->pool());
    s << (db->dialect() == storage::Dialect::sqlite
              ? "CREATE TABLE floor (id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT NOT NULL"
                " UNIQUE, document TEXT NOT NULL)"
              : "CREATE TABLE floor (id BIGSERIAL PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
                " document TEXT NOT NULL)");
    long long n = 0;
    std::vector<double> latencies;
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    auto started = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < until) {
        auto t = std::chrono::steady_clock::now();
        storage::Transaction tx(*db, s);
        std::string number = "CP-20261123-" + std::to_string(1000000 + n++);
        s << "INSERT INTO floor (number, document) VALUES (:n, :d)", soci::use(number),
            soci::use(document);
        tx.commit();
        latencies.push_back(ms_since(t));
    }
    double took = ms_since(started) / 1000.0;
    s << "DROP TABLE floor";
    return {{"inserts_per_s", static_cast<double>(n) / took},
            {"p50_ms", quantile(latencies, 0.5)},
            {"p99_ms", quantile(latencies, 0.99)}};
}

// The host under test: a child process on the shipped configuration (or
// --config's) with its own data directory and an ephemeral port.
struct HostUnderTest {
    pid_t pid = -1;
    int port = 0;
    double startup_ms = 0;
    std::string token;

    HostUnderTest(const fs::path& dir, int threads, const fs::path& config_file,
                  const json& storage) {
        fs::path source = fs::absolute(config_file).parent_path();
        json cfg = config::parse_json_with_comments(config::read_text_file(config_file),
                                                    config_file.string());
        cfg["data_directory"] = (dir / "data").string();
        cfg["http"]["port"] = 0;
        cfg["http"]["threads"] = threads;
        cfg["plugins"]["paths"] = json::array({REDRESS_BENCH_PLUGIN_DIR});
        if (storage.is_object()) cfg["storage"].merge_patch(storage);
        for (auto& [key, value] : cfg["domain"].items())
            if (value.is_string()) value = (source / value.get<std::string>()).string();
        std::ofstream(dir / "redress.json") << cfg.dump(2);
        fs::path log_file = dir / "host.log";
        auto started = std::chrono::steady_clock::now();
        pid = fork();
        if (pid == 0) {
            int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            dup2(fd, 2);
            std::string config = (dir / "redress.json").string();
            execl(REDRESS_BENCH_BINARY, REDRESS_BENCH_BINARY, "--config", config.c_str(), "serve",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
        std::smatch m;
        std::string log;
        while (port == 0 && ms_since(started) < 20000) {
            std::ifstream in(log_file);
            log.assign(std::istreambuf_iterator<char>(in), {});
            if (std::regex_search(log, m, listening))
                port = std::stoi(m[1]);
            else
                std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        startup_ms = ms_since(started);
        if (port == 0) throw std::runtime_error("the host did not start:\n" + log);
        std::ifstream in(dir / "data" / "admin-token");
        std::getline(in, token);
    }
    ~HostUnderTest() {
        kill(pid, SIGTERM);
        int status = 0;
        waitpid(pid, &status, 0);
    }
    // The open file descriptors of the host now.
    long open_fds() const {
        std::error_code ec;
        long n = 0;
        for (auto it = fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
             !ec && it != fs::directory_iterator(); it.increment(ec))
            ++n;
        return ec ? -1 : n;
    }
    // CPU time (user and system, ms) the host has used so far.
    double cpu_ms() const {
        std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
        std::string text((std::istreambuf_iterator<char>(in)), {});
        // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
        std::istringstream rest(text.substr(text.rfind(')') + 2));
        std::string field;
        double ticks = 0;
        for (int i = 1; i <= 13 && rest >> field; ++i)
            if (i >= 12) ticks += std::stod(field);
        return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    // The proportional set size (kB) of the host now.
    long pss_kb() const {
        std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("Pss:", 0) == 0) return std::stol(line.substr(4));
        return -1;
    }
};

}  // namespace

int intake_command(const Args& a) {
    double seconds = std::stod(arg(a, "--seconds", "5"));
    auto connections = numbers(arg(a, "--connections", "1,8,64"));
    int threads = static_cast<int>(std::stoll(arg(a, "--threads", "72")));
    int hosts = static_cast<int>(std::stoll(arg(a, "--hosts", "1")));
    std::string config_file =
        arg(a, "--config", std::string(REDRESS_BENCH_SOURCE_DIR) + "/config/redress.json");
    fs::path dir = fs::temp_directory_path() / ("redress-bench-intake-" + std::to_string(getpid()));
    fs::remove_all(dir);
    // PostgreSQL (--storage URL): the hosts share a schema of their own, dropped at the end.
    std::string url = arg(a, "--storage", ""), schema;
    json storage = nullptr;
    if (!url.empty()) {
        schema = "redress_bench_" + std::to_string(getpid());
        storage = {{"url", url}, {"schema", schema}};
    } else if (hosts > 1) {
        std::fprintf(stderr,
                     "intake: several hosts share a database: give --storage postgresql://...\n");
        return 2;
    }
    json out = {{"benchmark", "intake"},
                {"seconds", seconds},
                {"threads", threads},
                {"hosts", hosts},
                {"storage", url.empty() ? "sqlite" : "postgresql"},
                {"runs", json::array()}};
    {
        std::vector<std::unique_ptr<HostUnderTest>> running;
        std::vector<int> ports;
        for (int h = 0; h < hosts; ++h) {
            fs::path host_dir = dir / ("host" + std::to_string(h));
            fs::create_directories(host_dir / "data");
            running.push_back(
                std::make_unique<HostUnderTest>(host_dir, threads, config_file, storage));
            ports.push_back(running.back()->port);
        }
        HostUnderTest& host =
            *running.front();  // its token serves all: tokens live in the database
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        long idle = host.pss_kb();
        std::printf(
            "host: started in %.0f ms with the shipped plugins; PSS idle %ld kB; %d host(s) on "
            "%s\n",
            host.startup_ms, idle, hosts, url.empty() ? "SQLite" : "PostgreSQL");
        out["startup_ms"] = host.startup_ms;
        out["pss_idle_kb"] = idle;
        BareServer bare(threads);
        for (long long c : connections) {
            int n = static_cast<int>(c);
            LoadResult floor = run_load({bare.port}, "", n, seconds);
            std::atomic<long> peak{0};
            std::atomic<bool> loading{true};
            std::thread sampler([&] {
                while (loading) {
                    peak = std::max(peak.load(), host.pss_kb());
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            });
            auto cpu_now = [&] {
                double sum = 0;
                for (const auto& h : running) sum += h->cpu_ms();
                return sum;
            };
            double cpu_before = cpu_now();
            LoadResult r = run_load(ports, host.token, n, seconds);
            loading = false;
            sampler.join();
            // The outbox may still be delivering what the load created: its work
            // belongs to the complaints too. Wait until the hosts are idle (under
            // 5 % of a core over 200 ms), at most 60 s.
            auto load_ended = std::chrono::steady_clock::now();
            for (double last = cpu_now();;) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                double now = cpu_now();
                if (now - last < 10 || ms_since(load_ended) > 60000) break;
                last = now;
            }
            double drain_s = ms_since(load_ended) / 1000.0;
            double ratio = r.rate() / floor.rate();
            // What one complaint costs the host in CPU, its deliveries included,
            // whatever the load's concurrency: steadier than rates on a shared machine.
            double cpu_us =
                r.done > 0 ? (cpu_now() - cpu_before) * 1000.0 / static_cast<double>(r.done) : 0;
            std::printf(
                "intake, %d connection(s): %.0f complaints/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms"
                " (%lld failed: %s); bare HTTP %.0f req/s, p99 %.2f ms; ratio %.1f%%; PSS peak %ld "
                "kB; host CPU %.0f us per complaint (idle %.1f s after the load)\n",
                n, r.rate(), quantile(r.latencies_ms, 0.5), quantile(r.latencies_ms, 0.95),
                quantile(r.latencies_ms, 0.99), r.failed, r.failures_json().dump().c_str(),
                floor.rate(), quantile(floor.latencies_ms, 0.99), ratio * 100, peak.load(), cpu_us,
                drain_s);
            out["runs"].push_back({{"connections", n},
                                   {"host", r.to_json()},
                                   {"bare_http", floor.to_json()},
                                   {"ratio_to_bare_http", ratio},
                                   {"pss_peak_kb", peak.load()},
                                   {"host_cpu_us_per_complaint", cpu_us},
                                   {"idle_after_s", drain_s}});
        }
    }
    // A stored complaint's document, as the host wrote it, for the storage floor.
    std::string host_url =
        url.empty() ? "sqlite:" + (dir / "host0" / "data" / "redress.db").string() : url;
    std::string document;
    {
        auto db = storage::Database::open(host_url, dir, 1, schema);
        soci::session s(db->pool());
        s << "SELECT document FROM complaints ORDER BY id LIMIT 1", soci::into(document);
    }
    std::string floor_url = url.empty() ? "sqlite:" + (dir / "floor.db").string() : url;
    json floor = storage_floor(floor_url, schema, dir, seconds, document);
    std::printf("bare %s (one transaction per insert): %.0f inserts/s, p50 %.2f ms, p99 %.2f ms\n",
                url.empty() ? "SQLite (WAL, synchronous=FULL)" : "PostgreSQL",
                floor["inserts_per_s"].get<double>(), floor["p50_ms"].get<double>(),
                floor["p99_ms"].get<double>());
    out["bare_storage"] = floor;
    for (auto& run : out["runs"]) {
        double ratio =
            run["host"]["requests_per_s"].get<double>() / floor["inserts_per_s"].get<double>();
        run["ratio_to_bare_storage"] = ratio;
        std::printf("intake, %d connection(s): %.0f%% of the bare storage insert rate\n",
                    run["connections"].get<int>(), ratio * 100);
    }
    if (!url.empty()) {
        auto db = storage::Database::open(url, dir, 1);
        soci::session s(db->pool());
        s << "DROP SCHEMA \"" + schema + "\" CASCADE";
    }
    std::cout << out << "\n";
    fs::remove_all(dir);
    return 0;
}

int soak_command(const Args& a) {
    double minutes = std::stod(arg(a, "--minutes", "30"));
    int connections = static_cast<int>(std::stoll(arg(a, "--connections", "8")));
    double every = std::stod(arg(a, "--sample-seconds", "30"));
    double rate = std::stod(arg(a, "--rate", "0"));
    std::string config_file =
        arg(a, "--config", std::string(REDRESS_BENCH_SOURCE_DIR) + "/config/redress.json");
    fs::path dir = fs::temp_directory_path() / ("redress-bench-soak-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "data");
    json samples = json::array();
    {
        HostUnderTest host(dir, 16, config_file, nullptr);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        auto started = std::chrono::steady_clock::now();
        long long created = 0, failed = 0;
        std::printf("soak: %d connections for %.0f minutes, a sample every %.0f s, %s\n",
                    connections, minutes, every,
                    rate > 0 ? (std::to_string(static_cast<int>(rate)) + " complaints/s").c_str()
                             : "as fast as the host answers");
        while (ms_since(started) < minutes * 60000.0) {
            LoadResult r = run_load({host.port}, host.token, connections, every, rate);
            // Deliveries waiting: steady only if the notifiers keep up with intake.
            long long backlog = 0;
            {
                auto db = storage::Database::open(
                    "sqlite:" + (dir / "data" / "redress.db").string(), dir, 1);
                soci::session s(db->pool());
                s << "SELECT COUNT(*) FROM outbox WHERE state = 'pending'", soci::into(backlog);
            }
            created += r.done;
            failed += r.failed;
            json sample = {{"minute", ms_since(started) / 60000.0},
                           {"complaints", created},
                           {"failed", failed},
                           {"per_s", static_cast<double>(r.done) / r.seconds},
                           {"p99_ms", quantile(r.latencies_ms, 0.99)},
                           {"pss_kb", host.pss_kb()},
                           {"open_fds", host.open_fds()},
                           {"outbox_pending", backlog}};
            std::printf(
                "soak: %5.1f min  %9lld complaints  %6.0f/s  p99 %6.1f ms  PSS %6ld kB  fds %ld  "
                "outbox pending %lld\n",
                sample["minute"].get<double>(), created, sample["per_s"].get<double>(),
                sample["p99_ms"].get<double>(), sample["pss_kb"].get<long>(),
                sample["open_fds"].get<long>(), backlog);
            std::fflush(stdout);
            samples.push_back(sample);
        }
    }
    fs::remove_all(dir);
    // Flat means the second half's peak is no higher than the first half's, within 10 %.
    auto peak = [&](const char* key, std::size_t from, std::size_t to) {
        long m = 0;
        for (std::size_t i = from; i < to; ++i) m = std::max(m, samples[i][key].get<long>());
        return m;
    };
    std::size_t half = samples.size() / 2;
    json out = {{"benchmark", "soak"},
                {"minutes", minutes},
                {"connections", connections},
                {"rate", rate},
                {"samples", samples}};
    for (const char* key : {"pss_kb", "open_fds"}) {
        long first = peak(key, 1, std::max<std::size_t>(half, 2)),
             second = peak(key, half, samples.size());
        out[std::string(key) + "_first_half_peak"] = first;
        out[std::string(key) + "_second_half_peak"] = second;
        std::printf("soak: %s peak %ld in the first half, %ld in the second (%s)\n", key, first,
                    second, second <= first * 1.1 ? "flat" : "GROWING");
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
}

}  // namespace redress::bench
