#pragma once
// The frames of one shot, as the exporter and the boards read them. The renderer plugs in by implementing
// this; TakeFrameSource reads a take's PNG frames and PlaceholderFrameSource draws a "not rendered" card.
#include <string>

#include "core/engine/Image.h"

namespace shotcraft::media {

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual int frameCount() const = 0;  // >= 1
  virtual double fps() const = 0;      // > 0
  virtual int width() const = 0;
  virtual int height() const = 0;
  // Frame `index` (0..frameCount()-1) as RGB8, width() x height(). False with *error set when it cannot be read.
  virtual bool frame(int index, Image& out, std::string* error) = 0;
  // True for a stand-in card rather than rendered frames.
  virtual bool isPlaceholder() const { return false; }
};

}  // namespace shotcraft::media
