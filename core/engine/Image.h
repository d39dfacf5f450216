#pragma once
// A plain RGB8 image value type shared by core, the engine plugin and the UI (which wraps it in a QImage).
#include <cstdint>
#include <string>
#include <vector>

namespace shotcraft {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 3;           // 3 = RGB, 1 = grey
  std::vector<uint8_t> data;  // row-major, tightly packed, width * height * channels bytes

  Image() = default;
  Image(int w, int h, int c = 3) : width(w), height(h), channels(c), data(size_t(w) * h * c, 0) {}

  bool empty() const { return width <= 0 || height <= 0 || data.empty(); }
  uint8_t* pixel(int x, int y) { return data.data() + (size_t(y) * width + x) * channels; }
  const uint8_t* pixel(int x, int y) const { return data.data() + (size_t(y) * width + x) * channels; }
  bool operator==(const Image&) const = default;
};

// Reads any format OpenCV decodes (PNG, JPEG, WebP, ...) as RGB. Returns false with a one-line reason.
bool loadImage(const std::string& path, Image& out, std::string* error);
// Writes by extension (.png, .jpg, ...) atomically (temporary file + rename).
bool saveImage(const std::string& path, const Image& image, std::string* error);

}  // namespace shotcraft
