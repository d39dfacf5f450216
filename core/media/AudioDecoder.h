#pragma once
// Decodes the first audio stream of any file FFmpeg reads (WAV, MP3, AAC/M4A, FLAC, Ogg, a video's soundtrack)
// and resamples it to float stereo 48 kHz.
#include <QString>
#include <string>

#include "core/media/AudioBuffer.h"

namespace shotcraft::media {

// False with one line in *error ("cannot open audio 'x.mp3': No such file or directory",
// "'x.png' has no audio stream", ...); *out is untouched then. Refuses more than maxDuration_s of audio.
bool decodeAudio(const QString& path, AudioBuffer* out, std::string* error, double maxDuration_s = 4 * 3600.0);

}  // namespace shotcraft::media
