#include "storage/complaint_query.hpp"

#include <deque>

#include <soci/soci.h>

#include "storage/search_text.hpp"

namespace redress::storage {
namespace {

// A WHERE clause with its bound values, kept at stable addresses for SOCI.
class Where {
  public:
    void add(const std::string& condition) {
        sql_ += (sql_.empty() ? " WHERE " : " AND ") + condition;
    }
    void equals(const char* column, const std::string& value) {
        if (!value.empty()) add(std::string(column) + " = " + text(value));
    }
    void any_of(const char* column, const std::vector<std::string>& values) {
        if (values.empty()) return;
        std::string list;
        for (const auto& v : values) list += (list.empty() ? "" : ", ") + text(v);
        add(std::string(column) + " IN (" + list + ")");
    }
    std::string text(const std::string& v) {
        texts_.push_back(v);
        order_.push_back(false);
        return ":p" + std::to_string(order_.size());
    }
    std::string number(long long v) {
        numbers_.push_back(v);
        order_.push_back(true);
        return ":p" + std::to_string(order_.size());
    }
    const std::string& sql() const { return sql_; }
    void bind(soci::statement& st) {
        std::size_t t = 0, n = 0;
        for (bool is_number : order_) {
            if (is_number)
                st.exchange(soci::use(numbers_[n++]));
            else
                st.exchange(soci::use(texts_[t++]));
        }
    }

  private:
    std::string sql_;
    std::deque<std::string> texts_;
    std::deque<long long> numbers_;
    std::vector<bool> order_;
};

std::string like_pattern(const std::string& text) {  // text already folded
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

// A text query through the index that can answer it (see search_text.hpp).
std::string text_condition(Where& w, const std::string& text, bool sqlite) {
    const std::string folded = fold_case(text);
    switch (text_index_for(folded)) {
        case TextIndex::trigrams:
            if (sqlite) {
                std::string phrase = "\"";
                for (char c : folded) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
                return "id IN (SELECT rowid FROM complaint_text WHERE complaint_text MATCH " +
                       w.text(phrase + "\"") + ")";
            }
            break;  // PostgreSQL's trigram index answers LIKE itself
        case TextIndex::gram:
            if (sqlite)
                return "id IN (SELECT rowid FROM complaint_grams WHERE complaint_grams MATCH " +
                       w.text("\"" + folded + "\"") + ")";
            return "string_to_array(search_grams, ' ') @> ARRAY[CAST(" + w.text(folded) +
                   " AS TEXT)]";
        case TextIndex::scan:
            break;
    }
    return "search_text LIKE " + w.text(like_pattern(folded)) + " ESCAPE '\\'";
}

Where build(const ComplaintFilter& f, bool sqlite) {
    Where w;
    w.any_of("state", f.states);
    w.any_of("priority", f.priorities);
    w.any_of("channel", f.channels);
    if (!f.category.empty()) {
        // Placeholders are bound in the order they are made: one per statement.
        std::string exact = w.text(f.category);
        if (sqlite) {  // a range its index can seek ('/' follows '.'); SQLite compares bytes
            std::string from = w.text(f.category + ".");
            std::string to = w.text(f.category + "/");
            w.add("(category = " + exact + " OR (category > " + from + " AND category < " + to +
                  "))");
        } else {  // collations may ignore punctuation: no range
            std::string below = w.text(f.category + ".%");
            w.add("(category = " + exact + " OR category LIKE " + below + ")");
        }
    }
    w.equals("team", f.team);
    w.equals("owner", f.owner);
    w.equals("customer_id", f.customer);
    if (f.breached) {
        std::string now = w.number(domain::to_millis(f.now));
        w.add(*f.breached ? "(next_due_at IS NOT NULL AND next_due_at < " + now + ")"
                          : "(next_due_at IS NULL OR next_due_at >= " + now + ")");
    }
    if (f.due_before) w.add("next_due_at <= " + w.number(domain::to_millis(*f.due_before)));
    if (f.created_after) w.add("created_at >= " + w.number(domain::to_millis(*f.created_after)));
    if (f.created_before) w.add("created_at < " + w.number(domain::to_millis(*f.created_before)));
    if (!f.text.empty()) w.add(text_condition(w, f.text, sqlite));
    return w;
}

}  // namespace

ComplaintPage find_complaints(soci::session& s, const ComplaintFilter& f) {
    ComplaintPage page;
    const bool sqlite = s.get_backend_name() == "sqlite3";
    {
        Where w = build(f, sqlite);
        soci::statement st(s);
        st.exchange(soci::into(page.total));
        w.bind(st);
        st.alloc();
        st.prepare("SELECT COUNT(*) FROM complaints" + w.sql());
        st.define_and_bind();
        st.execute(true);
    }
    Where w = build(f, sqlite);
    if (f.cursor > 0) w.add("id < " + w.number(f.cursor));
    long long limit = f.limit + 1, id = 0;  // one more tells whether another page follows
    std::string document;
    soci::statement st(s);
    st.exchange(soci::into(id));
    st.exchange(soci::into(document));
    w.bind(st);
    st.exchange(soci::use(limit));
    st.alloc();
    st.prepare("SELECT id, document FROM complaints" + w.sql() + " ORDER BY id DESC LIMIT :limit");
    st.define_and_bind();
    st.execute();
    long long last_id = 0;
    while (st.fetch()) {
        if (static_cast<long long>(page.items.size()) == f.limit) {
            page.next_cursor = last_id;
            break;
        }
        page.items.emplace_back(nlohmann::json::parse(document));
        last_id = id;
    }
    return page;
}

}  // namespace redress::storage
