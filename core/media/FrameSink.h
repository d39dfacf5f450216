#pragma once
// Where the exporter's frames go: a video file (MP4/MOV), an animated GIF or a folder of PNGs.
// A sink writes to the temporary path it was opened on; the exporter renames it when finish() succeeds.
#include <string>

#include "core/engine/Image.h"

namespace shotcraft::media {

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // How many times the exporter sends every frame (a GIF's first pass only builds its palette).
  virtual int passes() const { return 1; }
  // Called before each pass's first frame, pass counting from 0.
  virtual bool beginPass(int pass, std::string* error) {
    (void)pass;
    (void)error;
    return true;
  }
  // Called after each pass's last frame.
  virtual bool endPass(int pass, std::string* error) {
    (void)pass;
    (void)error;
    return true;
  }
  // The next frame (RGB8 at the size the sink was opened with).
  virtual bool writeFrame(const Image& rgb, std::string* error) = 0;
  // CPU seconds spent so far turning RGB frames into the encoder's pixel format (0 where not measured).
  virtual double convertCpu_s() const { return 0.0; }
  // Flushes encoders and closes the file; false when any byte did not reach the disk.
  virtual bool finish(std::string* error) = 0;
};

}  // namespace shotcraft::media
