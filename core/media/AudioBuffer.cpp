#include "core/media/AudioBuffer.h"

#include <algorithm>
#include <cmath>

namespace shotcraft::media {

float AudioBuffer::peak() const {
  float p = 0.0f;
  for (float s : samples) p = std::max(p, std::abs(s));
  return p;
}

AudioBuffer placeOnTimeline(const AudioBuffer& track, double offset_s, double gain_db, double duration_s) {
  AudioBuffer out;
  const int64_t frames = std::max<int64_t>(0, std::llround(duration_s * AudioBuffer::kSampleRate));
  out.samples.assign(size_t(frames) * AudioBuffer::kChannels, 0.0f);
  const int64_t shift = std::llround(offset_s * AudioBuffer::kSampleRate);  // track frame at timeline frame 0
  const int64_t first = std::max<int64_t>(0, -shift);
  const int64_t last = std::min(frames, track.frameCount() - shift);
  const float gain = float(std::pow(10.0, gain_db / 20.0));
  for (int64_t f = first; f < last; ++f) {
    for (int c = 0; c < AudioBuffer::kChannels; ++c) {
      out.samples[size_t(f * AudioBuffer::kChannels + c)] =
          gain * track.samples[size_t((f + shift) * AudioBuffer::kChannels + c)];
    }
  }
  return out;
}

void applyGain(AudioBuffer& audio, double gain_db) {
  const float gain = float(std::pow(10.0, gain_db / 20.0));
  for (float& s : audio.samples) s *= gain;
}

void softLimit(AudioBuffer& audio, float ceiling) {
  const float knee = 0.9f * ceiling;
  const float range = ceiling - knee;
  for (float& s : audio.samples) {
    const float a = std::abs(s);
    if (a <= knee) continue;
    const float limited = knee + range * std::tanh((a - knee) / range);
    s = std::copysign(limited, s);
  }
}

}  // namespace shotcraft::media
