// Prompt templates (English and Simplified Chinese) over the vocabulary in PromptVocabulary.cpp.
#include <array>
#include <utility>

#include "core/scenes/Prompt.h"
#include "core/scenes/Rng.h"

namespace shotcraft::scenes {

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Poses grouped in order of first appearance: (pose, how many).
std::vector<std::pair<Pose, int>> poseGroups(const SceneSpec& s) {
  std::vector<std::pair<Pose, int>> groups;
  for (const auto& f : s.figures) {
    bool found = false;
    for (auto& g : groups) {
      if (g.first == f.pose) {
        ++g.second;
        found = true;
      }
    }
    if (!found) groups.emplace_back(f.pose, 1);
  }
  return groups;
}

std::string figuresEn(const SceneSpec& s, Rng& rng) {
  const int n = int(s.figures.size());
  const std::string count = rng.pick(countPhrases(n, Language::English));
  if (n == 0) return count;
  const auto groups = poseGroups(s);
  if (groups.size() == 1) return count + " " + rng.pick(posePhrases(groups[0].first, Language::English));
  static const std::array<const char*, 4> kNumber = {"", "one", "two", "three"};
  std::vector<std::string> each;
  for (const auto& g : groups) each.push_back(std::string(kNumber[size_t(g.second)]) + " " + rng.pick(posePhrases(g.first, Language::English)));
  std::string list = each[0];
  for (size_t i = 1; i < each.size(); ++i) list += (i + 1 == each.size() ? " and " : ", ") + each[i];
  return count + (rng.chance(0.5) ? ", " : ": ") + list;
}

std::string figuresZh(const SceneSpec& s, Rng& rng) {
  const int n = int(s.figures.size());
  const std::string count = rng.pick(countPhrases(n, Language::Chinese));
  if (n == 0) return count;
  const auto groups = poseGroups(s);
  if (groups.size() == 1) return count + rng.pick(posePhrases(groups[0].first, Language::Chinese));
  static const std::array<const char*, 4> kNumber = {"", "一个", "两个", "三个"};
  std::vector<std::string> each;
  for (const auto& g : groups) each.push_back(std::string(kNumber[size_t(g.second)]) + rng.pick(posePhrases(g.first, Language::Chinese)));
  return count + "，" + join(each, "，");
}

const std::string& cameraEn(CameraHeight c, Rng& rng) {
  static const std::array<std::vector<std::string>, kCameraHeightCount> kWords = {{
      {"low angle shot", "low angle", "seen from a low camera"},
      {"eye level shot", "eye level", "medium shot"},
      {"high angle shot", "seen from above", "high angle"},
  }};
  return rng.pick(kWords[size_t(c)]);
}

const std::string& cameraZh(CameraHeight c, Rng& rng) {
  static const std::array<std::vector<std::string>, kCameraHeightCount> kWords = {{
      {"低角度镜头", "仰拍"}, {"平视镜头", "中景"}, {"高角度镜头", "俯拍"}}};
  return rng.pick(kWords[size_t(c)]);
}

std::string english(const SceneSpec& s, Rng& rng) {
  static const std::vector<std::string> kStyle = {"storyboard frame", "storyboard sketch", "colour rough",
                                                  "concept frame", "film storyboard panel"};
  const std::string scene = rng.pick(scenePhrases(s.type, Language::English));
  const std::string time = rng.pick(timePhrases(s.time, Language::English));
  const std::string figures = figuresEn(s, rng);
  const std::string weather = rng.chance(s.weather == Weather::Clear ? 0.4 : 0.85)
                                  ? rng.pick(weatherPhrases(s.weather, Language::English))
                                  : "";
  const std::string palette = rng.chance(0.7) ? rng.pick(palettePhrases(s.palette, Language::English)) : "";
  const std::string camera = rng.chance(0.4) ? cameraEn(s.camera, rng) : "";
  const std::string style = rng.chance(0.5) ? rng.pick(kStyle) : "";
  switch (rng.range(0, 3)) {
    case 0:
      return join({scene + " " + time, figures, weather, palette, camera}, ", ");
    case 1:
      return join({style.empty() ? "" : style + ":", join({scene + " " + time, weather, figures, palette}, ", ")}, " ");
    case 2:
      return join({figures, scene, time, weather, palette, camera}, ", ");
    default:
      return join({camera.empty() ? style : camera, time + ", " + scene, figures, weather, palette}, ", ");
  }
}

std::string chinese(const SceneSpec& s, Rng& rng) {
  static const std::vector<std::string> kStyle = {"分镜画面", "分镜草图", "彩色分镜", "概念分镜"};
  const std::string scene = rng.pick(scenePhrases(s.type, Language::Chinese));
  const std::string time = rng.pick(timePhrases(s.time, Language::Chinese));
  const std::string figures = figuresZh(s, rng);
  const std::string weather = rng.chance(s.weather == Weather::Clear ? 0.4 : 0.85)
                                  ? rng.pick(weatherPhrases(s.weather, Language::Chinese))
                                  : "";
  const std::string palette = rng.chance(0.7) ? rng.pick(palettePhrases(s.palette, Language::Chinese)) : "";
  const std::string camera = rng.chance(0.4) ? cameraZh(s.camera, rng) : "";
  const std::string style = rng.chance(0.5) ? rng.pick(kStyle) : "";
  switch (rng.range(0, 3)) {
    case 0:
      return join({time + "的" + scene, figures, weather, palette, camera}, "，");
    case 1:
      return join({style.empty() ? "" : style + "：", join({time + "的" + scene, weather, figures, palette}, "，")}, "");
    case 2:
      return join({scene, time, weather, figures, palette}, "，");
    default:
      return join({camera.empty() ? style : camera, time + "，" + scene, figures, weather, palette}, "，");
  }
}

}  // namespace

std::string writePrompt(const SceneSpec& spec, Language language, uint64_t phrasing_seed) {
  Rng rng(phrasing_seed, language == Language::English ? 0xE1u : 0x2Eu);
  return language == Language::English ? english(spec, rng) : chinese(spec, rng);
}

}  // namespace shotcraft::scenes
