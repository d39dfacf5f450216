#include "core/render/FileHashCache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMutexLocker>

#include "core/render/ControlFrames.h"

namespace shotcraft::render {

QString FileHashCache::sha256(const QString& path) {
  const QFileInfo info(path);
  const QString canonical = info.canonicalFilePath();
  if (canonical.isEmpty() || !info.isFile()) return {};
  const qint64 size = info.size();
  const qint64 mtime_ms = info.lastModified().toMSecsSinceEpoch();
  {
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(canonical);
    if (it != m_entries.constEnd() && it->size == size && it->mtime_ms == mtime_ms) {
      ++m_stats.hits;
      return it->sha256;
    }
  }
  // Read outside the lock: another thread may hash a different file meanwhile.
  const QString hash = fileSha256(canonical);
  QMutexLocker lock(&m_mutex);
  ++m_stats.reads;
  if (hash.isEmpty()) return {};
  if (!m_entries.contains(canonical)) {
    m_order << canonical;
    while (m_order.size() > kMaxEntries) m_entries.remove(m_order.takeFirst());
  }
  m_entries.insert(canonical, Entry{size, mtime_ms, hash});
  return hash;
}

FileHashCache::Stats FileHashCache::stats() const {
  QMutexLocker lock(&m_mutex);
  return m_stats;
}

int FileHashCache::size() const {
  QMutexLocker lock(&m_mutex);
  return static_cast<int>(m_entries.size());
}

void FileHashCache::clear() {
  QMutexLocker lock(&m_mutex);
  m_entries.clear();
  m_order.clear();
  m_stats = Stats{};
}

}  // namespace shotcraft::render
