// FileHashCache: a control file's SHA-256 is read once while the file is unchanged and read again when its size or
// modification time changes; render cache keys are the same with or without the cache.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "core/render/ControlFrames.h"
#include "core/render/FileHashCache.h"
#include "tests/render/RenderFixture.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;
using test::RenderFixture;

namespace {

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  ASSERT_EQ(f.write(bytes), bytes.size());
}

void setMtime(const QString& path, const QDateTime& when) {
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::ReadWrite));
  ASSERT_TRUE(f.setFileTime(when, QFileDevice::FileModificationTime));
}

}  // namespace

TEST(FileHashCache, ReadsAnUnchangedFileOnceAndAChangedOneAgain) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  const QString path = tmp.filePath(QStringLiteral("depth.png"));
  writeBytes(path, "first contents");
  const QDateTime base = QDateTime::fromSecsSinceEpoch(1700000000);
  setMtime(path, base);

  render::FileHashCache cache;
  const QString first = cache.sha256(path);
  EXPECT_EQ(first, render::fileSha256(path));
  EXPECT_EQ(first.size(), 64);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(cache.sha256(path), first);
  // The same file by another spelling of its path is the same entry.
  EXPECT_EQ(cache.sha256(tmp.path() + QStringLiteral("/./depth.png")), first);
  EXPECT_EQ(cache.stats().reads, 1);
  EXPECT_EQ(cache.stats().hits, 6);
  EXPECT_EQ(cache.size(), 1);

  // New contents of another size: hashed anew.
  writeBytes(path, "second, longer contents");
  setMtime(path, base);
  const QString second = cache.sha256(path);
  EXPECT_EQ(cache.stats().reads, 2);
  EXPECT_NE(second, first);
  EXPECT_EQ(second, render::fileSha256(path));

  // Same size, new contents, new mtime: hashed anew too.
  writeBytes(path, "second, LONGER contents");
  setMtime(path, base.addSecs(5));
  const QString third = cache.sha256(path);
  EXPECT_EQ(cache.stats().reads, 3);
  EXPECT_NE(third, second);
  EXPECT_EQ(third, render::fileSha256(path));
  EXPECT_EQ(cache.sha256(path), third);
  EXPECT_EQ(cache.stats().reads, 3);

  // A missing file has no hash and is not remembered.
  EXPECT_TRUE(cache.sha256(tmp.filePath(QStringLiteral("missing.png"))).isEmpty());
  EXPECT_EQ(cache.size(), 1);
  cache.clear();
  EXPECT_EQ(cache.size(), 0);
  EXPECT_EQ(cache.stats().reads, 0);
}

TEST(FileHashCache, KeepsAtMostItsLimitOfEntries) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  render::FileHashCache cache;
  const int files = render::FileHashCache::kMaxEntries + 3;
  for (int i = 0; i < files; ++i) {
    const QString path = tmp.filePath(QStringLiteral("f%1").arg(i));
    writeBytes(path, QByteArray::number(i));
    ASSERT_FALSE(cache.sha256(path).isEmpty());
  }
  EXPECT_EQ(cache.size(), render::FileHashCache::kMaxEntries);
  cache.sha256(tmp.filePath(QStringLiteral("f%1").arg(files - 1)));  // the newest is kept
  EXPECT_EQ(cache.stats().hits, 1);
  cache.sha256(tmp.filePath(QStringLiteral("f0")));  // the oldest was dropped
  EXPECT_EQ(cache.stats().reads, files + 1);
}

// The studio recomputes a shot's key on every edit: with the cache, the control file is read once, the key is the
// one the renderer gives without it, and a rewritten control file changes it.
TEST_F(RenderFixture, CacheKeyReadsAnUnchangedControlFileOnce) {
  ASSERT_NO_FATAL_FAILURE(useDepthMap(0, test::dotImage(64, 36, 20, 20)));

  render::ShotRenderer plain(m_engine, m_settings);
  render::ShotRenderer cached(m_engine, m_settings);
  render::FileHashCache hashes;
  cached.setFileHashCache(&hashes);
  QString error;
  auto key = [&](render::ShotRenderer& r, render::RenderMode mode) {
    const std::optional<QString> k = r.cacheKey(m_project, shotId(0), m_dir, mode, &error);
    EXPECT_TRUE(k.has_value()) << error.toStdString();
    return k.value_or(QString());
  };
  const QString draft = key(plain, render::RenderMode::Draft);
  for (int step = 0; step < 10; ++step) {  // e.g. ten slider steps, each checking draft and final
    ASSERT_TRUE(m_project.requestSetShotSeed(shotId(0), 100 + uint64_t(step)));
    EXPECT_EQ(key(cached, render::RenderMode::Draft), key(plain, render::RenderMode::Draft));
    EXPECT_EQ(key(cached, render::RenderMode::Final), key(plain, render::RenderMode::Final));
  }
  EXPECT_EQ(hashes.stats().reads, 1);
  EXPECT_EQ(hashes.stats().hits, 19);

  ASSERT_TRUE(m_project.requestSetShotSeed(shotId(0), 42));
  EXPECT_EQ(key(cached, render::RenderMode::Draft), draft);
  const QString path = m_dir + QStringLiteral("/assets/depth.png");
  const QDateTime before = QFileInfo(path).lastModified();
  writePng(QStringLiteral("depth.png"), test::dotImage(64, 36, 30, 20));  // same name, new pixels
  setMtime(path, before.addSecs(2));  // a new mtime even on a coarse clock
  const QString redrawn = key(cached, render::RenderMode::Draft);
  EXPECT_EQ(hashes.stats().reads, 2);
  EXPECT_NE(redrawn, draft);
  EXPECT_EQ(redrawn, key(plain, render::RenderMode::Draft));
}
