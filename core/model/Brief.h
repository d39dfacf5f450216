#pragma once
// What the video is for: the creator's brief.
#include <QString>
#include <QStringList>
#include <optional>

namespace shotcraft::model {

enum class VideoType { Promo, MicroFilm, VfxShort, Other };

struct Brief {
  QString title;
  VideoType video_type = VideoType::Promo;
  QString audience;
  QStringList selling_points;
  double target_duration_s = 0.0;  // 0 = not set; else up to 3600

  // "" when valid, else "field: reason".
  QString validate() const;
  bool operator==(const Brief&) const = default;
};

// JSON names: "promo", "micro-film", "vfx-short", "other".
QString videoTypeName(VideoType type);
std::optional<VideoType> videoTypeFromName(const QString& name);

}  // namespace shotcraft::model
