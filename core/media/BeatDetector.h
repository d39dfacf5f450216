#pragma once
// Tempo and onsets of a music track with aubio (aubio_tempo for beats, aubio_onset for note onsets).
#include <string>
#include <vector>

#include "core/media/AudioBuffer.h"

namespace shotcraft::media {

struct BeatAnalysis {
  double bpm = 0.0;               // bpmFromBeats(beats_s); 0 when fewer than 2 beats
  double confidence = 0.0;        // aubio's tempo confidence, 0..1
  std::vector<double> beats_s;    // beat times in track seconds, increasing
  std::vector<double> onsets_s;   // onset times in track seconds, increasing
};

// False with *error when aubio cannot be set up; silence gives no beats and bpm 0 (not an error).
bool detectBeats(const AudioBuffer& audio, BeatAnalysis* out, std::string* error);

// Tempo from beat times: the median interval picks the period, then a least-squares line through the beats
// (numbered in periods, so a skipped beat keeps its place) gives it precisely. 0 for fewer than two beats.
double bpmFromBeats(const std::vector<double>& beats_s);

}  // namespace shotcraft::media
