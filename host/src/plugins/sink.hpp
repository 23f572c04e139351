#pragma once

#include <string>

#include <redress/redress.h>

namespace redress::plugins {

// A redress_sink that appends what a plugin writes to a std::string.
class StringSink {
  public:
    explicit StringSink(std::string& target) noexcept
        : sink_{sizeof(redress_sink), &target, &StringSink::append} {}
    const redress_sink* get() const noexcept { return &sink_; }

  private:
    // Called from plugin code: must not throw into it.
    static void append(void* ctx, const char* data, std::size_t size) noexcept {
        if (data == nullptr || size == 0) return;
        try {
            static_cast<std::string*>(ctx)->append(data, size);
        } catch (...) {
            // Out of memory: the output is truncated, which the caller sees as bad output.
        }
    }
    redress_sink sink_;
};

}  // namespace redress::plugins
