#include "storage/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace redress::storage {

namespace {

// The write-ahead log's layout (https://sqlite.org/fileformat.html#walformat):
// a 32-byte header, then frames of a 24-byte header and a page. Bytes 4 to 7 of
// a frame header, big-endian, are the database's size in pages after a commit
// and zero in every other frame.
constexpr int frame_header_size = 24;

bool is_commit_frame_header(const void* data, int amount) {
    if (amount != frame_header_size) return false;
    const auto* b = static_cast<const unsigned char*>(data);
    return (b[4] | b[5] | b[6] | b[7]) != 0;
}

struct Shim {
    sqlite3_vfs vfs{};
    sqlite3_vfs* base = nullptr;
    std::size_t capacity = 0;
    std::string name;
    std::atomic<unsigned long long> received{0}, written{0};
};

// A log opened through the shim; the base VFS's own file follows it in the same
// allocation (sqlite3_vfs::szOsFile covers both).
struct LogFile {
    sqlite3_file file;  // first: SQLite sees this
    sqlite3_file* base;
    Shim* shim;
    unsigned char* buffer;
    std::size_t used;
    sqlite3_int64 start;  // the file offset of buffer[0]
    sqlite3_int64 next;   // just past the last write received
    bool commit_pending;  // a commit frame's header is gathered; its page ends the transaction
};

constexpr std::size_t base_file_offset = (sizeof(LogFile) + alignof(std::max_align_t) - 1) /
                                         alignof(std::max_align_t) * alignof(std::max_align_t);

LogFile& log_of(sqlite3_file* file) {
    return *reinterpret_cast<LogFile*>(file);
}
Shim& shim_of(sqlite3_vfs* vfs) {
    return *static_cast<Shim*>(vfs->pAppData);
}
sqlite3_vfs* base_of(sqlite3_vfs* vfs) {
    return shim_of(vfs).base;
}

// The unix VFS writes at most 128 KiB - 1 bytes per call (it masks larger sizes
// to 17 bits, and reports a disk full when that leaves nothing to write).
constexpr int max_write = 0x1ffff;

int write_through(LogFile& f, const void* data, int amount, sqlite3_int64 offset) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    while (amount > 0) {
        int piece = std::min(amount, max_write);
        ++f.shim->written;
        if (int rc = f.base->pMethods->xWrite(f.base, bytes, piece, offset); rc != SQLITE_OK)
            return rc;
        bytes += piece;
        offset += piece;
        amount -= piece;
    }
    return SQLITE_OK;
}

int flush(LogFile& f) {
    if (f.used == 0) return SQLITE_OK;
    int amount = static_cast<int>(f.used);
    f.used = 0;
    // On failure the transaction these frames belong to fails with this error.
    return write_through(f, f.buffer, amount, f.start);
}

// --- The log's methods: gather writes, flush before anything else.

// Any other call on the log first hands down what is gathered, then is the base's.
template <auto method, typename... Args>
int flushed(sqlite3_file* file, Args... args) {
    LogFile& f = log_of(file);
    if (int rc = flush(f); rc != SQLITE_OK) return rc;
    return (f.base->pMethods->*method)(f.base, args...);
}

int log_close(sqlite3_file* file) {
    LogFile& f = log_of(file);
    int rc = flush(f);
    int closed = f.base->pMethods->xClose(f.base);
    sqlite3_free(f.buffer);
    f.buffer = nullptr;
    return rc != SQLITE_OK ? rc : closed;
}

int log_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    LogFile& f = log_of(file);
    ++f.shim->received;
    bool in_sequence = offset == f.next;
    f.next = offset + amount;
    // The page right after a commit frame's header ends a transaction: once
    // gathered, everything goes down.
    bool ends_commit = f.commit_pending && in_sequence;
    bool commit = is_commit_frame_header(data, amount);
    f.commit_pending = commit;
    auto size = static_cast<std::size_t>(amount);
    if (f.used > 0 && (!in_sequence || f.used + size > f.shim->capacity)) {
        if (int rc = flush(f); rc != SQLITE_OK) return rc;
    }
    if (!f.buffer && size <= f.shim->capacity)
        f.buffer = static_cast<unsigned char*>(sqlite3_malloc64(f.shim->capacity));
    // A header rewritten in place (SQLite re-checksumming frames before a commit),
    // a write larger than the buffer, or no memory for one: down at once.
    if ((commit && !in_sequence) || size > f.shim->capacity || !f.buffer) {
        if (int rc = flush(f); rc != SQLITE_OK) return rc;
        return write_through(f, data, amount, offset);
    }
    if (f.used == 0) f.start = offset;
    std::memcpy(f.buffer + f.used, data, size);
    f.used += size;
    return ends_commit ? flush(f) : SQLITE_OK;
}

int log_check_reserved_lock(sqlite3_file* file, int* out) {
    LogFile& f = log_of(file);
    return f.base->pMethods->xCheckReservedLock(f.base, out);
}

int log_sector_size(sqlite3_file* file) {
    LogFile& f = log_of(file);
    return f.base->pMethods->xSectorSize(f.base);
}

int log_device_characteristics(sqlite3_file* file) {
    LogFile& f = log_of(file);
    return f.base->pMethods->xDeviceCharacteristics(f.base);
}

// A log has no shared memory and is never mapped; these are here for
// completeness of version 3 of the methods, and defer to the base's.
int log_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    LogFile& f = log_of(file);
    if (f.base->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return f.base->pMethods->xShmMap(f.base, region, size, extend, out);
}

int log_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    LogFile& f = log_of(file);
    if (f.base->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return f.base->pMethods->xShmLock(f.base, offset, n, flags);
}

void log_shm_barrier(sqlite3_file* file) {
    LogFile& f = log_of(file);
    if (f.base->pMethods->iVersion >= 2) f.base->pMethods->xShmBarrier(f.base);
}

int log_shm_unmap(sqlite3_file* file, int remove) {
    LogFile& f = log_of(file);
    if (f.base->pMethods->iVersion < 2) return SQLITE_OK;
    return f.base->pMethods->xShmUnmap(f.base, remove);
}

int log_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    LogFile& f = log_of(file);
    *out = nullptr;  // allowed: SQLite then reads instead
    if (f.base->pMethods->iVersion < 3) return SQLITE_OK;
    if (int rc = flush(f); rc != SQLITE_OK) return rc;
    return f.base->pMethods->xFetch(f.base, offset, amount, out);
}

int log_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    LogFile& f = log_of(file);
    if (f.base->pMethods->iVersion < 3) return SQLITE_OK;
    return f.base->pMethods->xUnfetch(f.base, offset, page);
}

const sqlite3_io_methods log_methods = {
    3,
    log_close,
    flushed<&sqlite3_io_methods::xRead, void*, int, sqlite3_int64>,
    log_write,
    flushed<&sqlite3_io_methods::xTruncate, sqlite3_int64>,
    flushed<&sqlite3_io_methods::xSync, int>,
    flushed<&sqlite3_io_methods::xFileSize, sqlite3_int64*>,
    flushed<&sqlite3_io_methods::xLock, int>,
    flushed<&sqlite3_io_methods::xUnlock, int>,
    log_check_reserved_lock,
    flushed<&sqlite3_io_methods::xFileControl, int, void*>,
    log_sector_size,
    log_device_characteristics,
    log_shm_map,
    log_shm_lock,
    log_shm_barrier,
    log_shm_unmap,
    log_fetch,
    log_unfetch};

// --- The VFS: logs are wrapped, everything else is the base's.

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
             int* out_flags) {
    Shim& shim = shim_of(vfs);
    if (!(flags & SQLITE_OPEN_WAL))
        return shim.base->xOpen(shim.base, name, file, flags, out_flags);
    auto* base = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + base_file_offset);
    LogFile& f = log_of(file);
    f = LogFile{{nullptr}, base, &shim, nullptr, 0, 0, -1, false};
    base->pMethods = nullptr;
    int rc = shim.base->xOpen(shim.base, name, base, flags, out_flags);
    // Methods only on success: SQLite closes a file whose methods are set.
    if (rc == SQLITE_OK && base->pMethods) f.file.pMethods = &log_methods;
    return rc;
}

int vfs_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    return base_of(vfs)->xDelete(base_of(vfs), name, sync_dir);
}
int vfs_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return base_of(vfs)->xAccess(base_of(vfs), name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    return base_of(vfs)->xFullPathname(base_of(vfs), name, size, out);
}
void* vfs_dl_open(sqlite3_vfs* vfs, const char* name) {
    return base_of(vfs)->xDlOpen(base_of(vfs), name);
}
void vfs_dl_error(sqlite3_vfs* vfs, int size, char* out) {
    base_of(vfs)->xDlError(base_of(vfs), size, out);
}
void (*vfs_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return base_of(vfs)->xDlSym(base_of(vfs), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs* vfs, void* handle) {
    base_of(vfs)->xDlClose(base_of(vfs), handle);
}
int vfs_randomness(sqlite3_vfs* vfs, int size, char* out) {
    return base_of(vfs)->xRandomness(base_of(vfs), size, out);
}
int vfs_sleep(sqlite3_vfs* vfs, int microseconds) {
    return base_of(vfs)->xSleep(base_of(vfs), microseconds);
}
int vfs_current_time(sqlite3_vfs* vfs, double* out) {
    return base_of(vfs)->xCurrentTime(base_of(vfs), out);
}
int vfs_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
    return base_of(vfs)->xGetLastError ? base_of(vfs)->xGetLastError(base_of(vfs), size, out) : 0;
}
int vfs_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return base_of(vfs)->xCurrentTimeInt64(base_of(vfs), out);
}
int vfs_set_system_call(sqlite3_vfs* vfs, const char* name, sqlite3_syscall_ptr call) {
    return base_of(vfs)->xSetSystemCall(base_of(vfs), name, call);
}
sqlite3_syscall_ptr vfs_get_system_call(sqlite3_vfs* vfs, const char* name) {
    return base_of(vfs)->xGetSystemCall(base_of(vfs), name);
}
const char* vfs_next_system_call(sqlite3_vfs* vfs, const char* name) {
    return base_of(vfs)->xNextSystemCall(base_of(vfs), name);
}

std::mutex registry_mutex;
// Registered VFSs live as long as the process: SQLite keeps pointers to them.
std::map<std::string, std::unique_ptr<Shim>>& registry() {
    static auto* shims = new std::map<std::string, std::unique_ptr<Shim>>();
    return *shims;
}

}  // namespace

const std::string& register_wal_write_buffer(const std::string& name, const std::string& base,
                                             std::size_t capacity) {
    std::lock_guard lock(registry_mutex);
    auto& shims = registry();
    if (auto it = shims.find(name); it != shims.end()) return it->second->name;
    sqlite3_vfs* under = sqlite3_vfs_find(base.empty() ? nullptr : base.c_str());
    if (!under)
        throw std::runtime_error("SQLite has no VFS \"" + base + "\" to buffer the log over");
    auto shim = std::make_unique<Shim>();
    shim->base = under;
    shim->capacity = capacity;
    shim->name = name;
    sqlite3_vfs& v = shim->vfs;
    v.iVersion = std::min(under->iVersion, 3);
    v.szOsFile = static_cast<int>(base_file_offset) + under->szOsFile;
    v.mxPathname = under->mxPathname;
    v.zName = shim->name.c_str();
    v.pAppData = shim.get();
    v.xOpen = vfs_open;
    v.xDelete = vfs_delete;
    v.xAccess = vfs_access;
    v.xFullPathname = vfs_full_pathname;
    v.xDlOpen = vfs_dl_open;
    v.xDlError = vfs_dl_error;
    v.xDlSym = vfs_dl_sym;
    v.xDlClose = vfs_dl_close;
    v.xRandomness = vfs_randomness;
    v.xSleep = vfs_sleep;
    v.xCurrentTime = vfs_current_time;
    v.xGetLastError = vfs_get_last_error;
    if (v.iVersion >= 2) v.xCurrentTimeInt64 = vfs_current_time_int64;
    if (v.iVersion >= 3) {
        v.xSetSystemCall = vfs_set_system_call;
        v.xGetSystemCall = vfs_get_system_call;
        v.xNextSystemCall = vfs_next_system_call;
    }
    if (int rc = sqlite3_vfs_register(&v, 0); rc != SQLITE_OK)
        throw std::runtime_error("SQLite refused the VFS \"" + name + "\": " + sqlite3_errstr(rc));
    return shims.emplace(name, std::move(shim)).first->second->name;
}

WalWriteCounts wal_write_counts(const std::string& name) {
    std::lock_guard lock(registry_mutex);
    auto it = registry().find(name);
    if (it == registry().end()) return {};
    return {it->second->received.load(), it->second->written.load()};
}

const std::string& wal_write_buffer_vfs() {
    static const std::string& name = register_wal_write_buffer("redress-wal");
    return name;
}

}  // namespace redress::storage
