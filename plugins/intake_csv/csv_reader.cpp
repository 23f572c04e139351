#include "csv_reader.hpp"

namespace intake_csv {

std::vector<Record> read_csv(std::string_view text, char delimiter) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Record> records;
    Record record;
    std::string cell;
    std::size_t line = 1;
    bool in_record = false;  // the current line has something
    std::size_t i = 0;
    auto end_cell = [&] {
        record.cells.push_back(std::move(cell));
        cell.clear();
    };
    auto end_record = [&] {
        end_cell();
        bool blank = record.cells.size() == 1 && record.cells[0].empty();
        if (!blank) records.push_back(std::move(record));
        record = Record{};
        in_record = false;
    };
    while (i < text.size()) {
        char ch = text[i];
        if (!in_record) {
            record.line = line;
            in_record = true;
        }
        if (ch == '"' && cell.empty()) {
            // A quoted cell: runs to the matching quote; "" is one quote.
            std::size_t start_line = line;
            ++i;
            for (;;) {
                if (i >= text.size()) throw CsvError(start_line, "a quoted cell is never closed");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (text[i] == '\n') ++line;
                cell += text[i++];
            }
            if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
                throw CsvError(line, "text after the closing quote of a cell");
            continue;
        }
        if (ch == delimiter) {
            end_cell();
            ++i;
        } else if (ch == '\r' || ch == '\n') {
            end_record();
            i += (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            ++line;
        } else {
            cell += ch;
            ++i;
        }
    }
    if (in_record) end_record();
    return records;
}

}  // namespace intake_csv
