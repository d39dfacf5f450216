#include "core/render/TakeStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include "core/engine/Image.h"
#include "core/render/MatImage.h"

namespace shotcraft::render {

namespace {
constexpr int kTakeFormat = 1;
constexpr qint64 kMaxTakeJsonBytes = 16LL * 1024 * 1024;
}  // namespace

QJsonObject TakeInfo::toJson() const {
  QJsonObject o;
  o.insert(QStringLiteral("format"), kTakeFormat);
  o.insert(QStringLiteral("hash"), hash);
  o.insert(QStringLiteral("frames"), frames);
  o.insert(QStringLiteral("fps"), fps);
  o.insert(QStringLiteral("width"), width);
  o.insert(QStringLiteral("height"), height);
  o.insert(QStringLiteral("flicker"), flicker);
  o.insert(QStringLiteral("flicker_warning"), flicker_warning);
  o.insert(QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs));
  o.insert(QStringLiteral("mode"), mode);
  o.insert(QStringLiteral("settings"), settings);
  o.insert(QStringLiteral("inputs"), inputs);
  QJsonArray keys;
  for (int k : keyframes) keys.append(k);
  o.insert(QStringLiteral("keyframes"), keys);
  return o;
}

bool TakeInfo::fromJson(const QJsonObject& o, TakeInfo* out, QString* error) {
  if (o.value(QStringLiteral("format")).toInt(-1) != kTakeFormat) {
    *error = QStringLiteral("format: expected %1").arg(kTakeFormat);
    return false;
  }
  TakeInfo t;
  t.hash = o.value(QStringLiteral("hash")).toString();
  t.frames = o.value(QStringLiteral("frames")).toInt(0);
  t.fps = o.value(QStringLiteral("fps")).toInt(0);
  t.width = o.value(QStringLiteral("width")).toInt(0);
  t.height = o.value(QStringLiteral("height")).toInt(0);
  t.flicker = o.value(QStringLiteral("flicker")).toDouble(0.0);
  t.flicker_warning = o.value(QStringLiteral("flicker_warning")).toBool(false);
  t.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
  t.mode = o.value(QStringLiteral("mode")).toString();
  t.settings = o.value(QStringLiteral("settings")).toObject();
  t.inputs = o.value(QStringLiteral("inputs")).toObject();
  for (const QJsonValue& v : o.value(QStringLiteral("keyframes")).toArray()) t.keyframes.push_back(v.toInt());
  if (t.hash.isEmpty()) *error = QStringLiteral("hash: missing");
  else if (t.frames < 1 || t.frames > 1000000) *error = QStringLiteral("frames: must be >= 1");
  else if (t.width < 1 || t.height < 1) *error = QStringLiteral("width/height: must be >= 1");
  else if (!t.created.isValid()) *error = QStringLiteral("created: must be an ISO 8601 date-time");
  else {
    *out = std::move(t);
    return true;
  }
  return false;
}

TakeStore::TakeStore(const QString& projectDir) : m_projectDir(projectDir) {}

QString TakeStore::takesDir() const { return QDir(m_projectDir).filePath(QStringLiteral("takes")); }
QString TakeStore::takeDir(const QString& hash) const { return QDir(takesDir()).filePath(hash); }
QString TakeStore::partialDir(const QString& hash) const {
  return QDir(takesDir()).filePath(hash + QLatin1String(kPartialSuffix));
}
QString TakeStore::frameFileName(int index) {
  return QStringLiteral("frame_%1.png").arg(index + 1, 4, 10, QLatin1Char('0'));
}

bool TakeStore::find(const QString& hash, TakeInfo* out) const {
  const QDir dir(takeDir(hash));
  QFile file(dir.filePath(QLatin1String(kInfoFileName)));
  if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxTakeJsonBytes) return false;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
  TakeInfo info;
  QString error;
  if (!doc.isObject() || !TakeInfo::fromJson(doc.object(), &info, &error) || info.hash != hash) return false;
  for (int i = 0; i < info.frames; ++i) {
    if (!QFileInfo(dir.filePath(frameFileName(i))).isFile()) return false;
  }
  *out = std::move(info);
  return true;
}

cv::Mat TakeStore::readFrame(const QString& hash, int index) const {
  Image img;
  std::string error;
  if (!loadImage(QDir(takeDir(hash)).filePath(frameFileName(index)).toStdString(), img, &error)) return {};
  return toMat(img);
}

bool TakeStore::beginPartial(const QString& hash, QString* error) const {
  const QString dir = partialDir(hash);
  if (QFileInfo::exists(dir) && !QDir(dir).removeRecursively()) {
    *error = QStringLiteral("cannot remove the stale folder ") + dir;
    return false;
  }
  if (!QDir().mkpath(dir)) {
    *error = QStringLiteral("cannot create the folder ") + dir;
    return false;
  }
  return true;
}

bool TakeStore::writeFrame(const QString& hash, int index, const cv::Mat& rgb, QString* error) const {
  std::string e;
  if (!saveImage(QDir(partialDir(hash)).filePath(frameFileName(index)).toStdString(), fromMat(rgb), &e)) {
    *error = QString::fromStdString(e);
    return false;
  }
  return true;
}

bool TakeStore::commit(const TakeInfo& info, QString* error) const {
  const QString partial = partialDir(info.hash);
  QSaveFile file(QDir(partial).filePath(QLatin1String(kInfoFileName)));
  if (!file.open(QIODevice::WriteOnly)) {
    *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
    return false;
  }
  file.write(QJsonDocument(info.toJson()).toJson(QJsonDocument::Indented));
  if (!file.commit()) {
    *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
    return false;
  }
  const QString final = takeDir(info.hash);
  if (QFileInfo::exists(final) && !QDir(final).removeRecursively()) {
    *error = QStringLiteral("cannot replace the incomplete take folder ") + final;
    return false;
  }
  if (!QDir().rename(partial, final)) {
    *error = QStringLiteral("cannot rename %1 to %2").arg(partial, final);
    return false;
  }
  return true;
}

void TakeStore::abandon(const QString& hash) const {
  const QString dir = partialDir(hash);
  if (QFileInfo::exists(dir)) QDir(dir).removeRecursively();
}

}  // namespace shotcraft::render
