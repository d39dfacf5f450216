#include "core/media/Soundtrack.h"

#include <QDir>

#include "core/media/AudioDecoder.h"
#include "core/media/Loudness.h"

namespace shotcraft::media {

std::optional<SoundtrackSpec> projectSoundtrack(const model::Project& project, const QString& projectFolder) {
  if (!project.audio()) return std::nullopt;
  const model::AudioTrack& track = *project.audio();
  SoundtrackSpec spec;
  spec.path = QDir(projectFolder).filePath(QStringLiteral("assets/") + track.path);
  spec.offset_s = track.offset_s;
  spec.gain_db = track.gain_db;
  return spec;
}

bool buildSoundtrack(const SoundtrackSpec& spec, double duration_s, AudioBuffer* out, std::string* error,
                     double* measured_lufs) {
  AudioBuffer track;
  if (!decodeAudio(spec.path, &track, error)) return false;
  AudioBuffer placed = placeOnTimeline(track, spec.offset_s, spec.gain_db, duration_s);
  if (spec.normalize && !normalizeLoudness(placed, spec.target_lufs, error, measured_lufs)) return false;
  *out = std::move(placed);
  return true;
}

}  // namespace shotcraft::media
