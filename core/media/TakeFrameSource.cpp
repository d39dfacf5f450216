#include "core/media/TakeFrameSource.h"

#include <QDir>
#include <algorithm>

#include "core/media/ImageOps.h"
#include "core/media/NaturalOrder.h"

namespace shotcraft::media {

bool TakeFrameSource::open(const QString& folder, double fps, std::string* error) {
  m_files.clear();
  m_cached_index = -1;
  m_fps = fps > 0 ? fps : 12.0;
  const QDir dir(folder);
  if (!dir.exists()) {
    if (error) *error = "take folder '" + folder.toStdString() + "' does not exist";
    return false;
  }
  QStringList names = dir.entryList({QStringLiteral("*.png"), QStringLiteral("*.PNG"), QStringLiteral("*.jpg"),
                                     QStringLiteral("*.jpeg")},
                                    QDir::Files | QDir::Readable);
  std::sort(names.begin(), names.end(), naturalLess);
  for (const QString& n : names) m_files << dir.absoluteFilePath(n);
  if (m_files.isEmpty()) {
    if (error) *error = "take folder '" + folder.toStdString() + "' has no PNG or JPEG frames";
    return false;
  }
  Image first;
  if (!loadImage(m_files.front().toStdString(), first, error)) return false;
  m_width = first.width;
  m_height = first.height;
  m_cached = std::move(first);
  m_cached_index = 0;
  return true;
}

bool TakeFrameSource::frame(int index, Image& out, std::string* error) {
  if (index < 0 || index >= frameCount()) {
    if (error) *error = "take frame " + std::to_string(index) + " is out of range";
    return false;
  }
  if (index != m_cached_index) {
    Image img;
    if (!loadImage(m_files[index].toStdString(), img, error)) return false;
    if (img.width != m_width || img.height != m_height) img = fitImage(img, m_width, m_height);
    m_cached = std::move(img);
    m_cached_index = index;
  }
  out = m_cached;
  return true;
}

}  // namespace shotcraft::media
