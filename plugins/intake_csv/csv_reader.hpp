// csv_reader: RFC 4180 records (quoted fields, doubled quotes, line breaks inside
// quotes, CRLF or LF, a UTF-8 byte-order mark) with the line each record starts on.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace intake_csv {

struct Record {
    std::size_t line = 0;  // the file line the record starts on, from 1
    std::vector<std::string> cells;
};

// The input is not CSV at `line` (an unterminated quote, text after a closing quote).
class CsvError : public std::runtime_error {
  public:
    CsvError(std::size_t line, const std::string& problem)
        : std::runtime_error("line " + std::to_string(line) + ": " + problem), line_(line) {}
    std::size_t line() const noexcept { return line_; }

  private:
    std::size_t line_;
};

// Splits `text` into records. Blank lines are skipped. Throws CsvError.
std::vector<Record> read_csv(std::string_view text, char delimiter);

}  // namespace intake_csv
