#pragma once

#include <cstddef>
#include <string>

namespace redress::storage {

// An SQLite VFS that hands a write-ahead log's frames to the file system in one
// write per transaction instead of two per page.
//
// SQLite appends each page of a commit to the log with two writes (a 24-byte
// frame header, then the page): about 25 system calls per new complaint, each a
// microsecond or more on a virtual machine, all inside the single writer's turn.
// Here contiguous writes to a log gather in memory and go down as one write:
// when the page of a commit frame (the frame that ends a transaction) has been
// gathered, before a sync, a read, a truncation, a size query, a lock change or
// a close of the log, when a write lands elsewhere in the file, and when the
// buffer is full. So every committed frame is in the operating system before
// SQLite publishes the commit to readers (and synced when synchronous=FULL asks
// for it), exactly as without the buffer; only a transaction's uncommitted
// frames may wait in memory, and a crash loses those anyway. Files other than
// logs (the database, journals) are the base VFS's own, untouched.

// Registers, once per name, a VFS `name` over `base` (the default VFS when
// empty) gathering up to `capacity` bytes per log. Throws std::runtime_error if
// `base` does not exist or SQLite refuses the registration. Returns `name`.
const std::string& register_wal_write_buffer(const std::string& name, const std::string& base = "",
                                             std::size_t capacity = 256 * 1024);

// Writes to logs through the VFS `name` so far: as SQLite made them, and as
// they went to the base VFS. Zeros for a name never registered.
struct WalWriteCounts {
    unsigned long long received = 0, written = 0;
};
WalWriteCounts wal_write_counts(const std::string& name);

// The host's VFS: "redress-wal" over the default VFS, registered on first use.
const std::string& wal_write_buffer_vfs();

}  // namespace redress::storage
