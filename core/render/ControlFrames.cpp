#include "core/render/ControlFrames.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "core/media/NaturalOrder.h"
#include "core/model/Shot.h"
#include "core/render/CameraWarp.h"
#include "core/render/FileHashCache.h"
#include "core/render/MatImage.h"

namespace shotcraft::render {

namespace {

constexpr model::ControlKind kKinds[] = {model::ControlKind::Depth, model::ControlKind::Canny,
                                         model::ControlKind::Pose};

std::string slotName(model::ControlKind kind) {
  return "controls." + model::ControlSettings::kindName(kind).toStdString();
}

}  // namespace

QStringList sequenceFiles(const QString& folder) {
  QStringList files = QDir(folder).entryList({QStringLiteral("*.png"), QStringLiteral("*.jpg"),
                                              QStringLiteral("*.jpeg"), QStringLiteral("*.PNG")},
                                             QDir::Files);
  std::sort(files.begin(), files.end(), media::naturalLess);
  for (QString& f : files) f = QDir(folder).filePath(f);
  return files;
}

QString fileSha256(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return {};
  return QString::fromLatin1(hash.result().toHex());
}

bool ControlFrames::load(const model::Shot& shot, const QString& projectDir, std::string* error,
                         FileHashCache* hashes) {
  m_slots.clear();
  const QDir assets(QDir(projectDir).filePath(QStringLiteral("assets")));
  for (model::ControlKind kind : kKinds) {
    const model::ControlSlot& s = shot.controls.slot(kind);
    if (!s.active()) continue;
    Slot slot;
    slot.kind = kind;
    slot.settings = s;
    const QString path = assets.filePath(s.source);
    const QFileInfo info(path);
    if (info.isDir()) {
      slot.sequence = true;
      slot.files = sequenceFiles(path);
      if (slot.files.isEmpty()) {
        *error = slotName(kind) + ": folder assets/" + s.source.toStdString() + " holds no PNG or JPEG frames";
        return false;
      }
    } else if (info.isFile()) {
      slot.files = QStringList{path};
    } else {
      *error = slotName(kind) + ": file assets/" + s.source.toStdString() + " not found";
      return false;
    }
    if (s.source_kind == model::ControlSource::Image && kind != model::ControlKind::Canny) {
      *error = slotName(kind) + ": source_kind 'image' needs a " +
               model::ControlSettings::kindName(kind).toStdString() +
               " extractor, which is not available; give a ready map and set source_kind to 'map'";
      return false;
    }
    for (const QString& f : slot.files) {
      const QString h = hashes != nullptr ? hashes->sha256(f) : fileSha256(f);
      if (h.isEmpty()) {
        *error = slotName(kind) + ": cannot read " + f.toStdString();
        return false;
      }
      slot.hashes << h;
    }
    m_slots.push_back(std::move(slot));
  }
  return true;
}

bool ControlFrames::mapAt(Slot& slot, int frame, int width, int height, cv::Mat* out, std::string* error) {
  const int index = std::clamp(frame, 0, int(slot.files.size()) - 1);
  if (index != slot.cachedIndex) {
    Image img;
    if (!loadImage(slot.files[index].toStdString(), img, error)) {
      *error = slotName(slot.kind) + ": " + *error;
      return false;
    }
    cv::Mat rgb = toRgbSized(img, img.width, img.height);
    if (slot.settings.source_kind == model::ControlSource::Image && slot.kind == model::ControlKind::Canny) {
      cv::Mat edges;
      cv::Canny(toGrey(rgb), edges, 100.0, 200.0);
      cv::cvtColor(edges, rgb, cv::COLOR_GRAY2RGB);
    }
    slot.cached = rgb;
    slot.cachedIndex = index;
  }
  if (slot.cached.cols == width && slot.cached.rows == height) {
    *out = slot.cached;
  } else {
    const bool shrinking = slot.cached.cols > width && slot.cached.rows > height;
    cv::resize(slot.cached, *out, cv::Size(width, height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
  }
  return true;
}

bool ControlFrames::controlsAt(int frame, int width, int height, std::vector<engine::ControlInput>* out,
                               std::string* error) {
  out->clear();
  for (Slot& slot : m_slots) {
    cv::Mat map;
    if (!mapAt(slot, frame, width, height, &map, error)) return false;
    engine::ControlInput c;
    c.kind = slot.kind;
    c.image = fromMat(map);
    c.weight = float(slot.settings.weight);
    c.start = float(slot.settings.start);
    c.end = float(slot.settings.end);
    c.mode = slot.settings.mode;
    out->push_back(std::move(c));
  }
  return true;
}

bool ControlFrames::depthAt(int frame, int width, int height, cv::Mat* out, std::string* error) {
  *out = cv::Mat();
  for (Slot& slot : m_slots) {
    if (slot.kind != model::ControlKind::Depth) continue;
    cv::Mat map;
    if (!mapAt(slot, frame, width, height, &map, error)) return false;
    *out = depthFromMap(map, width, height);
    return true;
  }
  return true;
}

bool ControlFrames::hasSequence() const {
  return std::any_of(m_slots.begin(), m_slots.end(), [](const Slot& s) { return s.sequence; });
}

bool ControlFrames::sequenceFrameAt(int frame, int width, int height, cv::Mat* out, std::string* error) {
  for (Slot& slot : m_slots) {
    if (slot.sequence) return mapAt(slot, frame, width, height, out, error);
  }
  *out = cv::Mat();
  return true;
}

QJsonArray ControlFrames::hashJson() const {
  QJsonArray out;
  for (const Slot& slot : m_slots) {
    QJsonObject o;
    o.insert(QStringLiteral("kind"), model::ControlSettings::kindName(slot.kind));
    o.insert(QStringLiteral("source"), slot.settings.source);
    o.insert(QStringLiteral("source_kind"), model::ControlSettings::sourceName(slot.settings.source_kind));
    o.insert(QStringLiteral("sequence"), slot.sequence);
    o.insert(QStringLiteral("weight"), slot.settings.weight);
    o.insert(QStringLiteral("start"), slot.settings.start);
    o.insert(QStringLiteral("end"), slot.settings.end);
    // Always written (auto too): what the engine draws for a mode changed when the key was added.
    o.insert(QStringLiteral("mode"), QLatin1String(engine::controlModeName(slot.settings.mode)));
    o.insert(QStringLiteral("files"), QJsonArray::fromStringList(slot.hashes));
    out.append(o);
  }
  return out;
}

}  // namespace shotcraft::render
