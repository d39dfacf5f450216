#include "core/engine/Image.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cstring>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace shotcraft {

bool loadImage(const std::string& path, Image& out, std::string* error) {
  QFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = "cannot read image '" + path + "': " + file.errorString().toStdString();
    return false;
  }
  const QByteArray bytes = file.readAll();
  cv::Mat bgr;
  try {
    const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData()));
    bgr = cv::imdecode(raw, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    if (error) *error = "cannot decode image '" + path + "': " + e.what();
    return false;
  }
  if (bgr.empty()) {
    if (error) *error = "cannot decode image '" + path + "': not an image format OpenCV reads";
    return false;
  }
  out = Image(bgr.cols, bgr.rows, 3);
  cv::Mat rgb(bgr.rows, bgr.cols, CV_8UC3, out.data.data());  // converted straight into `out`
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return true;
}

bool saveImage(const std::string& path, const Image& image, std::string* error) {
  if (image.empty() || (image.channels != 1 && image.channels != 3)) {
    if (error) *error = "cannot write '" + path + "': empty image";
    return false;
  }
  cv::Mat mat(image.height, image.width, image.channels == 3 ? CV_8UC3 : CV_8UC1,
              const_cast<uint8_t*>(image.data.data()));
  cv::Mat bgr;
  if (image.channels == 3) {
    cv::cvtColor(mat, bgr, cv::COLOR_RGB2BGR);
  } else {
    bgr = mat;
  }
  std::string ext = QFileInfo(QString::fromStdString(path)).suffix().toLower().toStdString();
  if (ext.empty()) ext = "png";
  std::vector<uint8_t> encoded;
  try {
    if (!cv::imencode("." + ext, bgr, encoded)) {
      if (error) *error = "cannot encode '" + path + "' as ." + ext;
      return false;
    }
  } catch (const cv::Exception& e) {
    if (error) *error = "cannot encode '" + path + "' as ." + ext + ": unsupported format";
    return false;
  }
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(reinterpret_cast<const char*>(encoded.data()), qint64(encoded.size())) != qint64(encoded.size()) ||
      !file.commit()) {
    if (error) *error = "cannot write '" + path + "': " + file.errorString().toStdString();
    return false;
  }
  return true;
}

}  // namespace shotcraft
