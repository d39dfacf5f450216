#pragma once
// Frames as numbered PNG files in a folder: frame_000001.png, frame_000002.png, ... (RGB, 8 bits).
#include <string>

#include "core/media/FrameSink.h"

namespace shotcraft::media {

class PngSequenceWriter : public FrameSink {
 public:
  // `folder` must exist (the exporter creates a temporary one and renames it at the end).
  bool open(const std::string& folder, std::string* error);
  bool writeFrame(const Image& rgb, std::string* error) override;
  bool finish(std::string* error) override;

  static std::string frameName(int number);  // "frame_000001.png" for 1

 private:
  std::string m_folder;
  int m_written = 0;
};

}  // namespace shotcraft::media
