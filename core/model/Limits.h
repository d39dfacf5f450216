#pragma once
// Ranges that project.json values and model edits must respect (one place, used by validation and the UI).
#include <cstdint>

namespace shotcraft::model::limits {

inline constexpr double kMaxShotDuration_s = 600.0;  // duration: > 0 and <= this
inline constexpr int kMinFps = 1;
inline constexpr int kMaxFps = 120;
inline constexpr int kMinSize_px = 64;
inline constexpr int kMaxSize_px = 8192;
inline constexpr int kSizeMultiple_px = 8;
inline constexpr int kMinSteps = 1;
inline constexpr int kMaxSteps = 200;
inline constexpr int kMaxCadenceFrames = 240;
inline constexpr double kMaxCfg = 30.0;                   // cfg: 0..this
inline constexpr uint64_t kMaxSeed = (1ULL << 53) - 1;  // exact in a JSON number
inline constexpr double kMaxTargetDuration_s = 3600.0;
inline constexpr int kMaxTextChars = 100000;             // prompt, notes, dialogue
inline constexpr int kMaxShotsPerAct = 1000;
inline constexpr int kMaxTakesPerShot = 1000;
inline constexpr int kMaxBeats = 100000;
inline constexpr double kMaxBeat_s = 36000.0;
inline constexpr double kMinGain_db = -60.0;
inline constexpr double kMaxGain_db = 24.0;
inline constexpr double kMaxAudioOffset_s = 36000.0;  // |offset| <= this

}  // namespace shotcraft::model::limits
