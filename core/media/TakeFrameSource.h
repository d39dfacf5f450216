#pragma once
// A take's rendered frames: the PNG (or JPEG) files of one folder, in natural name order
// (frame_2.png before frame_10.png), played at the shot's fps.
#include <QString>
#include <QStringList>

#include "core/media/FrameSource.h"

namespace shotcraft::media {

class TakeFrameSource : public FrameSource {
 public:
  // Lists the folder; false with *error ("take folder '...' has no PNG or JPEG frames") when it holds none
  // or its first frame cannot be read.
  bool open(const QString& folder, double fps, std::string* error);

  int frameCount() const override { return int(m_files.size()); }
  double fps() const override { return m_fps; }
  int width() const override { return m_width; }
  int height() const override { return m_height; }
  // Frames of another size are scaled to the first frame's size.
  bool frame(int index, Image& out, std::string* error) override;

  const QStringList& files() const { return m_files; }

 private:
  QStringList m_files;  // absolute paths
  double m_fps = 12.0;
  int m_width = 0;
  int m_height = 0;
  int m_cached_index = -1;  // the last frame read, reused when the exporter repeats a frame
  Image m_cached;
};

}  // namespace shotcraft::media
