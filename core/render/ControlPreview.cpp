#include "core/render/ControlPreview.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "core/render/ControlFrames.h"
#include "core/render/MatImage.h"

namespace shotcraft::render {

bool controlPreview(const model::ControlSlot& slot, model::ControlKind kind, const QString& assetsDir, int maxSide_px,
                    Image* out, QString* error) {
  *out = Image();
  if (slot.source.isEmpty()) {
    *error = QStringLiteral("no source");
    return false;
  }
  const QString path = QDir(assetsDir).filePath(slot.source);
  const QFileInfo info(path);
  QString file = path;
  if (info.isDir()) {
    const QStringList files = sequenceFiles(path);
    if (files.isEmpty()) {
      *error = QStringLiteral("folder assets/%1 holds no PNG or JPEG frames").arg(slot.source);
      return false;
    }
    file = files.front();
  } else if (!info.isFile()) {
    *error = QStringLiteral("file assets/%1 not found").arg(slot.source);
    return false;
  }
  Image img;
  std::string why;
  if (!loadImage(file.toStdString(), img, &why)) {
    *error = QString::fromStdString(why);
    return false;
  }
  try {
    cv::Mat rgb = toRgbSized(img, img.width, img.height);
    const bool picture = slot.source_kind == model::ControlSource::Image;
    if (picture && kind == model::ControlKind::Canny) {
      cv::Mat edges;
      cv::Canny(toGrey(rgb), edges, 100.0, 200.0);
      cv::cvtColor(edges, rgb, cv::COLOR_GRAY2RGB);
    }
    const int longer = std::max(rgb.cols, rgb.rows);
    if (maxSide_px > 0 && longer > maxSide_px) {
      const double scale = double(maxSide_px) / longer;
      cv::Mat small;
      cv::resize(rgb, small, cv::Size(std::max(1, int(rgb.cols * scale)), std::max(1, int(rgb.rows * scale))), 0, 0,
                 cv::INTER_AREA);
      rgb = small;
    }
    *out = fromMat(rgb);
    if (picture && kind != model::ControlKind::Canny) {
      *error = QStringLiteral("a %1 map cannot be extracted from a picture here; give a ready map")
                   .arg(model::ControlSettings::kindName(kind));
      return false;
    }
  } catch (const cv::Exception& e) {
    *error = QStringLiteral("OpenCV: ") + QString::fromStdString(e.what()).simplified();
    *out = Image();
    return false;
  }
  return true;
}

}  // namespace shotcraft::render
