#pragma once
// The animatic as a sequence of output frames: shots in play order, each scaled (letterboxed) to the output
// size and resampled to the output fps, with optional cross-dissolves and burnt-in captions.
//
// Timing: clip k starts at frame round(S_k * fps) where S_k is the sum of the durations before it, so the total
// is exactly round(total_s * fps) frames and cuts never drift. A dissolve of N frames is centred on the cut
// (it starts N/2 frames before it); the outgoing shot holds its last frame and the incoming one its first
// where they run out, so dissolves never change the length or move a cut off its beat.
#include <QString>
#include <QStringList>
#include <opencv2/core.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/media/FrameSource.h"

namespace shotcraft::media {

class TextPainter;

struct TimelineClip {
  std::unique_ptr<FrameSource> source;
  double duration_s = 1.0;  // length on the timeline (source frames are repeated or dropped to fit)
  int number = 1;           // 1-based shot number for captions
  QString shotId;
  QString dialogue;         // caption text; may be empty
};

struct TimelineOptions {
  int width = 256;
  int height = 144;
  int fps = 12;
  int dissolve_frames = 0;  // 0 = hard cuts
  bool captions = false;    // shot number top-left, dialogue at the bottom
};

// What drawCaptions puts on clip k's frames, and where (frame pixels, outlines included; see CaptionLayout).
struct CaptionBoxes {
  QString label;               // "#3  s03"
  cv::Rect labelBox;
  QStringList lines;           // dialogue, wrapped; empty when the shot has none
  std::vector<cv::Rect> lineBoxes;
  cv::Rect band;               // the darkened band behind the dialogue; empty without dialogue
};

class Timeline {
 public:
  Timeline(std::vector<TimelineClip> clips, TimelineOptions options);
  ~Timeline();
  Timeline(Timeline&&) noexcept;
  Timeline& operator=(Timeline&&) noexcept;

  const TimelineOptions& options() const { return m_options; }
  int clipCount() const { return int(m_clips.size()); }
  const TimelineClip& clip(int k) const { return m_clips[size_t(k)]; }
  int frameCount() const { return m_starts.empty() ? 0 : m_starts.back(); }
  int clipStartFrame(int k) const { return m_starts[size_t(k)]; }
  double duration_s() const { return double(frameCount()) / m_options.fps; }

  // Output frame `index` (RGB8, width x height). False with *error when a source frame cannot be read.
  bool frame(int index, Image& out, std::string* error);

  // Where the burnt-in captions of clip k go (whether or not options().captions is set).
  CaptionBoxes captionBoxes(int k);

 private:
  int clipAt(int index) const;
  bool clipFrame(int k, int local, Image& out, std::string* error);
  void drawCaptions(int k, Image& frame);

  std::vector<TimelineClip> m_clips;
  TimelineOptions m_options;
  std::vector<int> m_starts;  // clipCount() + 1 entries; the last is the total frame count
  std::unique_ptr<TextPainter> m_text;
};

}  // namespace shotcraft::media
