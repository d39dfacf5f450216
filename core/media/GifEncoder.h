#pragma once
// An animated GIF in two passes over the frames: the first builds one 256-colour palette for the whole clip
// (libavfilter palettegen), the second maps every frame to it with an ordered (Bayer) dither (paletteuse),
// which stays steady from frame to frame, and encodes with FFmpeg's gif encoder. Loops forever.
#include <memory>
#include <string>

#include "core/media/FrameSink.h"

namespace shotcraft::media {

class GifEncoder : public FrameSink {
 public:
  GifEncoder();
  ~GifEncoder() override;

  bool open(const std::string& path, int width, int height, int fps, std::string* error);

  int passes() const override { return 2; }
  bool beginPass(int pass, std::string* error) override;
  bool writeFrame(const Image& rgb, std::string* error) override;
  bool endPass(int pass, std::string* error) override;
  bool finish(std::string* error) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace shotcraft::media
