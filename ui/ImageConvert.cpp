#include "ui/ImageConvert.h"

#include <cstring>

namespace shotcraft::ui {

QImage toQImage(const Image& image) {
  if (image.empty() || (image.channels != 3 && image.channels != 1)) return {};
  const size_t rowBytes = size_t(image.width) * image.channels;
  if (image.data.size() < rowBytes * size_t(image.height)) return {};
  QImage out(image.width, image.height, image.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(out.scanLine(y), image.data.data() + rowBytes * size_t(y), rowBytes);  // QImage rows are padded
  }
  return out;
}

}  // namespace shotcraft::ui
