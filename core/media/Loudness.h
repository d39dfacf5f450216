#pragma once
// Programme loudness (ITU-R BS.1770 / EBU R128 integrated loudness, LUFS), measured with libavfilter's ebur128
// filter, and normalisation to a target such as -14 LUFS (the common streaming level).
#include <optional>
#include <string>

#include "core/media/AudioBuffer.h"

namespace shotcraft::media {

// Integrated loudness in LUFS. nullopt with *error when the filter fails; a silent buffer gives about -70.
std::optional<double> integratedLoudness(const AudioBuffer& audio, std::string* error);

// Applies one gain so the integrated loudness becomes target_lufs, then soft-limits peaks to stay below
// full scale. Silence (below -60 LUFS) is left alone. *measured_lufs (may be null) gets the level before.
bool normalizeLoudness(AudioBuffer& audio, double target_lufs, std::string* error, double* measured_lufs = nullptr);

}  // namespace shotcraft::media
