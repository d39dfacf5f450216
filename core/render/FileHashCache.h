#pragma once
// SHA-256 of control files, memoised by (canonical path, size, modification time) so a file that has not changed
// is not read again: the studio recomputes a shot's cache key (to tell a stale take) on every slider step, and
// hashing control images on each of them would stall the UI thread. A changed size or mtime hashes the file
// anew. The hash is the same as fileSha256() gives, so render cache keys do not depend on the cache.
// Thread-safe; small (the oldest entries are dropped past kMaxEntries).
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace shotcraft::render {

class FileHashCache {
 public:
  static constexpr int kMaxEntries = 512;

  // SHA-256 hex of the file's contents; empty when it cannot be read (not remembered).
  QString sha256(const QString& path);

  struct Stats {
    int64_t reads = 0;  // files read and hashed
    int64_t hits = 0;   // answers from memory
  };
  Stats stats() const;
  int size() const;
  void clear();

 private:
  struct Entry {
    qint64 size = -1;
    qint64 mtime_ms = 0;
    QString sha256;
  };

  mutable QMutex m_mutex;
  QHash<QString, Entry> m_entries;  // by canonical path
  QStringList m_order;              // canonical paths, oldest first
  Stats m_stats;
};

}  // namespace shotcraft::render
