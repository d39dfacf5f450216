#include "core/media/PngSequenceWriter.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/media/ImageOps.h"

namespace shotcraft::media {

std::string PngSequenceWriter::frameName(int number) {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%06d.png", number);
  return name;
}

bool PngSequenceWriter::open(const std::string& folder, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    if (error) *error = "PNG folder '" + folder + "' does not exist";
    return false;
  }
  m_folder = folder;
  m_written = 0;
  return true;
}

bool PngSequenceWriter::writeFrame(const Image& rgb, std::string* error) {
  cv::Mat bgr;
  cv::cvtColor(asMat(rgb), bgr, rgb.channels == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_RGB2BGR);
  std::vector<uint8_t> bytes;
  if (!cv::imencode(".png", bgr, bytes, {cv::IMWRITE_PNG_COMPRESSION, 3})) {
    if (error) *error = "cannot encode PNG frame " + std::to_string(m_written + 1);
    return false;
  }
  const std::string path = (std::filesystem::path(m_folder) / frameName(m_written + 1)).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    if (error) *error = "cannot write '" + path + "': " + std::strerror(errno);
    return false;
  }
  const size_t n = std::fwrite(bytes.data(), 1, bytes.size(), f);
  const int writeErrno = errno;
  const bool closed = std::fclose(f) == 0;
  if (n != bytes.size() || !closed) {
    const int code = n != bytes.size() ? writeErrno : errno;
    if (error) {
      *error = code == ENOSPC ? "cannot write '" + path + "': the disk is full (no space left on device)"
                              : "cannot write '" + path + "': " + std::strerror(code);
    }
    return false;
  }
  ++m_written;
  return true;
}

bool PngSequenceWriter::finish(std::string* error) {
  if (m_written == 0) {
    if (error) *error = "no frames were written to '" + m_folder + "'";
    return false;
  }
  return true;
}

}  // namespace shotcraft::media
