#pragma once
// Rendered takes on disk: <project>/takes/<hash>/frame_0001.png ... plus take.json. A take is written into
// takes/<hash>.partial/ and renamed to takes/<hash>/ only when complete, so a cancelled or failed render never
// leaves a folder that looks like a take.
//
// take.json: {"format": 1, "hash", "frames", "fps", "width", "height", "flicker", "flicker_warning", "created"
// (ISO 8601 UTC), "mode", "settings" (RenderSettings::toJson), "inputs" (the hashed render inputs),
// "keyframes" (0-based frame indices drawn by the engine)}.
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <opencv2/core.hpp>
#include <vector>

namespace shotcraft::render {

struct TakeInfo {
  QString hash;
  int frames = 0;
  int fps = 0;
  int width = 0;
  int height = 0;
  double flicker = 0.0;
  bool flicker_warning = false;
  QDateTime created;
  QString mode;
  QJsonObject settings;
  QJsonObject inputs;
  std::vector<int> keyframes;

  QJsonObject toJson() const;
  // False with *error naming the field when `o` is not a take.json.
  static bool fromJson(const QJsonObject& o, TakeInfo* out, QString* error);
};

class TakeStore {
 public:
  static constexpr const char* kInfoFileName = "take.json";
  static constexpr const char* kPartialSuffix = ".partial";

  explicit TakeStore(const QString& projectDir);

  QString takesDir() const;
  QString takeDir(const QString& hash) const;     // takes/<hash>
  QString partialDir(const QString& hash) const;  // takes/<hash>.partial
  static QString frameFileName(int index);        // 0-based index -> "frame_0001.png"

  // A complete take: take.json readable, for this hash, and every frame file present.
  bool find(const QString& hash, TakeInfo* out) const;
  // Reads frame `index` (0-based) of a complete take as RGB; empty on failure.
  cv::Mat readFrame(const QString& hash, int index) const;

  // Starts takes/<hash>.partial/ afresh (a stale one is removed).
  bool beginPartial(const QString& hash, QString* error) const;
  // Writes frame `index` (0-based) of the partial take.
  bool writeFrame(const QString& hash, int index, const cv::Mat& rgb, QString* error) const;
  // Writes take.json into the partial folder and renames it to takes/<hash>/ (replacing an incomplete one).
  bool commit(const TakeInfo& info, QString* error) const;
  // Removes the partial folder.
  void abandon(const QString& hash) const;

 private:
  QString m_projectDir;
};

}  // namespace shotcraft::render
