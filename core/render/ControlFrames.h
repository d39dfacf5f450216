#pragma once
// A shot's ControlNet inputs per frame. Each active control slot's source (relative to the project's assets/)
// is either a still image, used for every frame, or a folder of numbered images (a control image sequence,
// e.g. depth or pose renders exported from Blender): frame i uses the folder's i-th file in natural order
// (frame_2 before frame_10), and the last file holds when the sequence is shorter than the shot.
// source_kind "map" files are used as they are; "image" files are turned into maps here for canny
// (cv::Canny, thresholds 100/200); depth and pose extraction from a picture is not available in core.
#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/engine/GenerationRequest.h"
#include "core/model/ControlSettings.h"

namespace shotcraft::model {
struct Shot;
}

namespace shotcraft::render {

class FileHashCache;

class ControlFrames {
 public:
  // Lists and hashes the shot's active controls. False with *error naming the control and file when a source is
  // missing, empty or cannot be used. With `hashes`, unchanged files are not read again (same hashes).
  bool load(const model::Shot& shot, const QString& projectDir, std::string* error, FileHashCache* hashes = nullptr);

  bool empty() const { return m_slots.empty(); }
  // The engine controls for frame `frame`, each map RGB at width x height.
  bool controlsAt(int frame, int width, int height, std::vector<engine::ControlInput>* out, std::string* error);
  // The depth map for parallax at frame `frame` (CV_32FC1 0..1, 1 = nearest), empty when the shot has no depth
  // map control.
  bool depthAt(int frame, int width, int height, cv::Mat* out, std::string* error);
  // The first control slot that is an image sequence (for EbSynth-style in-betweens).
  bool hasSequence() const;
  bool sequenceFrameAt(int frame, int width, int height, cv::Mat* out, std::string* error);

  // Every control input that changes the frames, with the SHA-256 of each file's contents (cache key).
  QJsonArray hashJson() const;

 private:
  struct Slot {
    model::ControlKind kind = model::ControlKind::Depth;
    model::ControlSlot settings;
    QStringList files;  // absolute paths; one for a still
    QStringList hashes;
    bool sequence = false;
    int cachedIndex = -1;
    cv::Mat cached;  // RGB map of files[cachedIndex] at its own size
  };
  bool mapAt(Slot& slot, int frame, int width, int height, cv::Mat* out, std::string* error);

  std::vector<Slot> m_slots;
};

// Image files (png, jpg, jpeg) of a folder in natural order.
QStringList sequenceFiles(const QString& folder);
// SHA-256 hex of a file's contents; empty when it cannot be read.
QString fileSha256(const QString& path);

}  // namespace shotcraft::render
