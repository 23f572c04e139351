#include "json_check.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

namespace redress_plugins {
namespace {

class Checker {
  public:
    explicit Checker(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool document() {
        // A UTF-8 byte order mark is skipped, as nlohmann's reader does.
        if (end_ - p_ >= 3 && p_[0] == '\xEF' && p_[1] == '\xBB' && p_[2] == '\xBF') p_ += 3;
        if (!values()) return false;
        skip_space();
        return p_ == end_;
    }

    std::size_t one_value() {
        const char* start = p_;
        return values() ? static_cast<std::size_t>(p_ - start) : std::string_view::npos;
    }

  private:
    // Values iteratively, with a stack of open containers ('{' or '['), so that
    // no nesting depth can exhaust the thread's stack.
    bool values() {
        std::vector<char> open;
        for (;;) {
            skip_space();
            if (p_ == end_) return false;
            // One value, or the start of a container.
            char c = *p_;
            if (c == '{' || c == '[') {
                ++p_;
                skip_space();
                if (p_ != end_ && *p_ == (c == '{' ? '}' : ']')) {
                    ++p_;  // empty: a complete value
                } else {
                    open.push_back(c);
                    if (c == '{' && !member_name()) return false;
                    continue;
                }
            } else if (!scalar()) {
                return false;
            }
            // After a value: a comma for the next, or the end of containers.
            for (;;) {
                if (open.empty()) return true;
                skip_space();
                if (p_ == end_) return false;
                if (*p_ == ',') {
                    ++p_;
                    if (open.back() == '{' && !member_name()) return false;
                    break;
                }
                if (*p_ != (open.back() == '{' ? '}' : ']')) return false;
                ++p_;
                open.pop_back();
            }
        }
    }

    bool member_name() {
        skip_space();
        if (p_ == end_ || *p_ != '"' || !string()) return false;
        skip_space();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        return true;
    }

    bool scalar() {
        switch (*p_) {
            case '"':
                return string();
            case 't':
                return word("true");
            case 'f':
                return word("false");
            case 'n':
                return word("null");
            default:
                return number();
        }
    }

    bool word(std::string_view w) {
        if (static_cast<std::size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w)
            return false;
        p_ += w.size();
        return true;
    }

    bool number() {
        const char* start = p_;
        if (p_ != end_ && *p_ == '-') ++p_;
        if (p_ == end_) return false;
        if (*p_ == '0') {
            ++p_;
        } else if (*p_ >= '1' && *p_ <= '9') {
            digits();
        } else {
            return false;
        }
        bool integer = true;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            integer = false;
            if (!digits()) return false;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            integer = false;
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (!digits()) return false;
        }
        // nlohmann refuses a number too large for a double ("number overflow");
        // up to 19 digits without a fraction or exponent always fits.
        if (integer && p_ - start <= 19) return true;
        return finite(start);
    }

    // from_chars reports both overflow and underflow as out of range; only
    // overflow is refused, so out of range with a value that is not tiny
    // (judged by its decimal exponent) is refused.
    bool finite(const char* start) const {
        double value = 0;
        auto [end, error] = std::from_chars(start, p_, value);
        if (error != std::errc::result_out_of_range) return end == p_ && std::isfinite(value);
        return decimal_exponent(start) < 0;
    }

    // Where the number's first significant digit stands, as a power of ten.
    long decimal_exponent(const char* start) const {
        const char* q = start;
        if (*q == '-') ++q;
        long digits_before_point = 0, leading_zeros_after_point = 0;
        bool significant = false;
        for (; q != p_ && *q >= '0' && *q <= '9'; ++q)
            if (significant || *q != '0') {
                significant = true;
                ++digits_before_point;
            }
        if (q != p_ && *q == '.')
            for (++q; q != p_ && *q >= '0' && *q <= '9'; ++q) {
                if (!significant && *q == '0') ++leading_zeros_after_point;
                if (*q != '0') significant = true;
            }
        long exponent = 0;
        if (q != p_ && (*q == 'e' || *q == 'E')) {
            ++q;
            bool negative = *q == '-';
            if (*q == '+' || *q == '-') ++q;
            for (; q != p_; ++q) exponent = std::min(exponent * 10 + (*q - '0'), 100000L);
            if (negative) exponent = -exponent;
        }
        return exponent +
               (digits_before_point > 0 ? digits_before_point - 1 : -leading_zeros_after_point - 1);
    }

    bool digits() {
        const char* start = p_;
        while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        return p_ != start;
    }

    bool string() {
        ++p_;  // the opening quote
        while (p_ != end_) {
            unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                if (!escape()) return false;
            } else if (c < 0x80) {
                ++p_;
            } else if (!utf8()) {
                return false;
            }
        }
        return false;
    }

    bool escape() {
        ++p_;
        if (p_ == end_) return false;
        switch (*p_++) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                return true;
            case 'u': {
                int unit = hex4();
                if (unit < 0) return false;
                if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a lone low surrogate
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
                    p_ += 2;
                    int low = hex4();
                    return low >= 0xDC00 && low <= 0xDFFF;
                }
                return true;
            }
            default:
                return false;
        }
    }

    int hex4() {
        if (end_ - p_ < 4) return -1;
        int unit = 0;
        for (int i = 0; i < 4; ++i) {
            char c = *p_++;
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0) return -1;
            unit = unit * 16 + d;
        }
        return unit;
    }

    // One well-formed UTF-8 sequence of 2 to 4 bytes (RFC 3629: no overlong
    // forms, no surrogates, nothing above U+10FFFF).
    bool utf8() {
        auto byte = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
        auto cont = [&](std::ptrdiff_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
            return i < end_ - p_ && byte(i) >= lo && byte(i) <= hi;
        };
        unsigned char c = byte(0);
        int n = 0;
        if (c >= 0xC2 && c <= 0xDF)
            n = cont(1) ? 2 : 0;
        else if (c == 0xE0)
            n = cont(1, 0xA0) && cont(2) ? 3 : 0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
            n = cont(1) && cont(2) ? 3 : 0;
        else if (c == 0xED)
            n = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
        else if (c == 0xF0)
            n = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
        else if (c >= 0xF1 && c <= 0xF3)
            n = cont(1) && cont(2) && cont(3) ? 4 : 0;
        else if (c == 0xF4)
            n = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
        p_ += n;
        return n != 0;
    }

    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }

    const char* p_;
    const char* end_;
};

}  // namespace

bool is_json(std::string_view text) {
    return Checker(text).document();
}

std::size_t json_value_length(std::string_view text) {
    return Checker(text).one_value();
}

}  // namespace redress_plugins
