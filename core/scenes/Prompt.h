#pragma once
// Prompts that describe a SceneSpec, in English and in Simplified Chinese, with varied phrasing: several
// templates and a few synonyms per attribute, chosen by `phrasing_seed`. The vocabulary is kept small
// (a few hundred words per language) so a small tokenizer and text encoder can learn it.
//
// Every prompt names the time of day, the scene type and the number of figures (zero included) with
// one of the phrases listed by the *Phrases() functions below, verbatim, so tests and evaluations can
// check a prompt against its spec. Weather, palette, camera and poses appear most of the time.
#include <cstdint>
#include <string>
#include <vector>

#include "core/scenes/SceneSpec.h"

namespace shotcraft::scenes {

enum class Language { English, Chinese };

std::string writePrompt(const SceneSpec& spec, Language language, uint64_t phrasing_seed);

// The synonym sets (UTF-8). Phrases of different values never contain one another.
const std::vector<std::string>& timePhrases(TimeOfDay t, Language language);
const std::vector<std::string>& scenePhrases(SceneType s, Language language);
const std::vector<std::string>& countPhrases(int figures, Language language);  // 0..kMaxFigures
const std::vector<std::string>& weatherPhrases(Weather w, Language language);
const std::vector<std::string>& palettePhrases(Palette p, Language language);
const std::vector<std::string>& posePhrases(Pose p, Language language);

}  // namespace shotcraft::scenes
