#pragma once
// PCM audio as the media code passes it around: interleaved float stereo at 48 kHz, nominal range [-1, 1].
#include <cstdint>
#include <vector>

namespace shotcraft::media {

struct AudioBuffer {
  static constexpr int kSampleRate = 48000;
  static constexpr int kChannels = 2;

  std::vector<float> samples;  // L R L R ...

  int64_t frameCount() const { return int64_t(samples.size()) / kChannels; }
  double duration_s() const { return double(frameCount()) / kSampleRate; }
  bool empty() const { return samples.empty(); }
  float peak() const;  // largest absolute sample
};

// The part of `track` that plays under a timeline of duration_s seconds: timeline time t plays track time
// t + offset_s (silence where the track has none), scaled by gain_db. Exactly round(duration_s * 48000) frames.
AudioBuffer placeOnTimeline(const AudioBuffer& track, double offset_s, double gain_db, double duration_s);

// Multiplies every sample by 10^(gain_db / 20).
void applyGain(AudioBuffer& audio, double gain_db);

// Keeps samples within +-ceiling by a soft knee above 90% of it (leaves quieter samples untouched).
void softLimit(AudioBuffer& audio, float ceiling = 0.98f);

}  // namespace shotcraft::media
