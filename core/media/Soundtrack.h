#pragma once
// The export's audio: a music or voice file placed on the timeline with an offset and gain, optionally
// normalised to a loudness target.
#include <QString>
#include <optional>
#include <string>

#include "core/media/AudioBuffer.h"
#include "core/model/Project.h"

namespace shotcraft::media {

struct SoundtrackSpec {
  QString path;             // any file FFmpeg decodes
  double offset_s = 0.0;    // track time at timeline time 0 (AudioTrack::offset_s)
  double gain_db = 0.0;
  bool normalize = false;   // to target_lufs, after the gain
  double target_lufs = -14.0;
};

// The project's audio track with its path resolved under `projectFolder`/assets/, or nullopt when it has none.
std::optional<SoundtrackSpec> projectSoundtrack(const model::Project& project, const QString& projectFolder);

// Decodes, places and (on request) normalises: exactly round(duration_s * 48000) stereo frames.
// *measured_lufs (may be null) gets the loudness before normalisation when it was measured.
bool buildSoundtrack(const SoundtrackSpec& spec, double duration_s, AudioBuffer* out, std::string* error,
                     double* measured_lufs = nullptr);

}  // namespace shotcraft::media
