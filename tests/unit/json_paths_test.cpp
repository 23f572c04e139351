// The plugins' partial JSON parser (plugins/shared/json_paths): the members it
// keeps are exactly those of the full document, and it refuses what
// nlohmann::json::parse refuses.
#include <catch2/catch.hpp>

#include <random>

#include "json_paths.hpp"

using nlohmann::json;
using redress_plugins::JsonPaths;

namespace {

std::string token(const std::string& name) {  // as a JSON pointer writes a member's name
    std::string out;
    for (char c : name) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

const char* kTrigger = R"({"trigger": "event",
  "event": {"id": 42, "type": "complaint.created", "number": "CP-1", "at": "2026-11-24T10:00:00Z",
            "changes": {"after": {"number": "CP-1", "tags": ["a", {"b": [1, 2.5, null]}]},
                        "handling_round": {"before": 1, "after": 2}}},
  "number": "CP-1",
  "complaint": {"number": "CP-1", "owner": "li", "product": "WM-X1", "category": "product.fault",
                "sla": {"milestones": {"first_response": {"due_at": "x", "met_at": null}}},
                "tags": ["repeat"], "repeat_of": "CP-0", "a/b": 1, "m~n": 2, "flag": true},
  "team": {"id": "t", "lead": "lead.person", "supervisor": "sup", "head": "head"}})";

}  // namespace

TEST_CASE("json_paths: keeps the named members and their parents, nothing else", "[json_paths]") {
    JsonPaths paths({"/trigger", "/event/type", "/event/id", "/event/changes/handling_round",
                     "/complaint/repeat_of", "/complaint/tags", "/complaint/a~1b", "/team",
                     "/complaint/absent", "/number/not-an-object"});
    json kept = paths.parse(kTrigger);
    CHECK(kept == json::parse(R"({"trigger": "event",
        "event": {"id": 42, "type": "complaint.created",
                  "changes": {"handling_round": {"before": 1, "after": 2}}},
        "complaint": {"repeat_of": "CP-0", "tags": ["repeat"], "a/b": 1},
        "team": {"id": "t", "lead": "lead.person", "supervisor": "sup", "head": "head"}})"));
    CHECK(kept == paths.prune(json::parse(kTrigger)));
    // A member kept whole keeps everything below it, arrays and all.
    CHECK(JsonPaths({"/event"}).parse(kTrigger)["event"] == json::parse(kTrigger)["event"]);
    CHECK(JsonPaths({}).parse(kTrigger) == json::object());
    CHECK(JsonPaths({"/complaint/m~0n"}).parse(kTrigger) == json{{"complaint", {{"m~n", 2}}}});
}

TEST_CASE("json_paths: reads a document as nlohmann's parser does", "[json_paths]") {
    JsonPaths paths({"/a/b", "/c"});
    auto same = [&](const std::string& text) {
        CAPTURE(text);
        CHECK(paths.parse(text) == paths.prune(json::parse(text)));
    };
    same("\xEF\xBB\xBF {\"c\": 1}");                               // a byte order mark, spaces
    same(" \t\r\n{ \"a\" : { \"b\" : [ 1 , 2 ] } , \"c\":{}}\n");  // space everywhere
    same(R"({"\u0061": {"\u0062": "escaped names"}, "\u0063": true})");
    same(R"({"a": {"b": 1}, "a": 2})");  // the last of two members of one name counts
    same(R"({"a": 2, "a": {"b": 1, "x": 0}})");
    same(R"({"a": {"b": 1}, "a": {"z": 1}})");
    same(R"({"c": 1, "c": [2]})");
    same(R"({"a": {"a": {"b": 1}}, "x": {"a": {"b": 2}}})");
    same(R"({})");
    same(R"("text")");
}

TEST_CASE("json_paths: refuses what the full parser refuses", "[json_paths]") {
    JsonPaths paths({"/a"});
    for (const char* bad : {"", "{", R"({"a": 1,})", R"({"a": [1, 2})", R"({"b": {"c": tru}})",
                            R"({"a": "\ud800"})", R"({"b": "x"} trailing)", "[1, 2"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(json::parse(bad), json::parse_error);
        CHECK_THROWS_AS(paths.parse(bad), json::parse_error);
    }
    CHECK_THROWS_AS(paths.parse(R"({"b": 1e999})"), json::out_of_range);
    CHECK_FALSE(paths.parse_object(R"({"b": 1e999})"));
    CHECK_FALSE(paths.parse_object("[1]"));
    CHECK(paths.parse_object(R"({"a": 1, "b": 2})") == json{{"a", 1}});
    CHECK(paths.parse("[1, 2]").is_null());  // not an object: nothing is named in it
    CHECK(paths.parse("7") == 7);
}

TEST_CASE("json_paths: agrees with the full parser on random documents and paths", "[json_paths]") {
    std::mt19937 random(20261124);
    const std::vector<std::string> names = {"a", "b", "c", "d/e", "f~g", ""};
    std::function<json(int)> make = [&](int depth) -> json {
        switch (random() % (depth > 3 ? 4 : 6)) {
            case 0:
                return static_cast<int>(random() % 1000) - 500;
            case 1:
                return std::string(random() % 5, 'x');
            case 2:
                return nullptr;
            case 3:
                return (random() % 3) / 2.0;
            case 4: {
                json a = json::array();
                for (unsigned i = random() % 4; i > 0; --i) a.push_back(make(depth + 1));
                return a;
            }
            default: {
                json o = json::object();
                for (unsigned i = random() % 5; i > 0; --i)
                    o[names[random() % names.size()]] = make(depth + 1);
                return o;
            }
        }
    };
    for (int round = 0; round < 2000; ++round) {
        json doc = json::object();
        for (unsigned i = random() % 6; i > 0; --i) doc[names[random() % names.size()]] = make(1);
        std::vector<std::string> pointers;
        for (unsigned i = random() % 4; i > 0; --i) {
            std::string pointer;
            for (unsigned depth = 1 + random() % 3; depth > 0; --depth)
                pointer += "/" + token(names[random() % names.size()]);
            pointers.push_back(pointer);
        }
        JsonPaths paths(pointers);
        std::string text = doc.dump();
        CAPTURE(text, pointers);
        CHECK(paths.parse(text) == paths.prune(doc));
    }
}
