// The prompt vocabulary: synonym sets per attribute value, English and Simplified Chinese.
#include <array>

#include "core/scenes/Prompt.h"

namespace shotcraft::scenes {

namespace {

using Phrases = std::vector<std::string>;

template <size_t N>
const Phrases& select(const std::array<Phrases, N>& en, const std::array<Phrases, N>& zh, int index, Language l) {
  return (l == Language::English ? en : zh)[size_t(index)];
}

}  // namespace

const Phrases& timePhrases(TimeOfDay t, Language l) {
  static const std::array<Phrases, kTimeOfDayCount> en = {{
      {"at dawn", "at sunrise", "at first light", "in the early morning"},
      {"at midday", "in broad daylight", "during the day", "at noon"},
      {"at sunset", "at dusk", "at golden hour", "in the evening"},
      {"at night", "late at night", "after dark", "at midnight"},
  }};
  static const std::array<Phrases, kTimeOfDayCount> zh = {{
      {"黎明时分", "清晨", "日出时分", "拂晓"},
      {"白天", "正午", "中午", "阳光明媚的白天"},
      {"黄昏", "日落时分", "傍晚", "夕阳西下时"},
      {"夜晚", "深夜", "夜里", "午夜"},
  }};
  return select(en, zh, int(t), l);
}

const Phrases& scenePhrases(SceneType s, Language l) {
  static const std::array<Phrases, kSceneTypeCount> en = {{
      {"a city street", "a downtown street", "an urban street", "a street in the city"},
      {"a neon cyberpunk city", "a cyberpunk city", "a futuristic neon city", "a cyberpunk street with neon signs"},
      {"the mountains", "a mountain valley", "a mountain range", "high mountain peaks"},
      {"a sandy beach by the sea", "the seashore", "a rocky coastline", "the sea coast"},
      {"a forest", "the woods", "a pine forest", "a forest clearing"},
      {"a country road", "an empty road", "a road through open fields", "a long highway"},
      {"a living room", "a cozy room", "a quiet bedroom", "a small apartment room"},
      {"an office", "an office interior", "a modern office", "a workplace with desks"},
  }};
  static const std::array<Phrases, kSceneTypeCount> zh = {{
      {"城市街道", "市区街头", "繁华的街道"},
      {"赛博朋克城市", "赛博朋克霓虹都市", "未来主义霓虹城市"},
      {"群山", "山谷", "连绵的山脉"},
      {"海边", "海滩", "海岸"},
      {"森林", "树林", "松林"},
      {"乡间公路", "空旷的公路", "穿过田野的道路"},
      {"客厅", "温馨的房间", "卧室"},
      {"办公室", "现代办公室", "办公室内景"},
  }};
  return select(en, zh, int(s), l);
}

const Phrases& countPhrases(int n, Language l) {
  static const std::array<Phrases, kMaxFigures + 1> en = {{
      {"no people", "nobody around", "no one in sight", "deserted"},
      {"a lone figure", "one figure", "a single person", "one person"},
      {"two figures", "two people", "a pair of figures"},
      {"three figures", "three people", "a group of three"},
  }};
  static const std::array<Phrases, kMaxFigures + 1> zh = {{
      {"空无一人", "没有人", "四下无人"},
      {"一个人", "一个身影", "一位行人"},
      {"两个人", "两个身影"},
      {"三个人", "三个身影"},
  }};
  return select(en, zh, n, l);
}

const Phrases& weatherPhrases(Weather w, Language l) {
  static const std::array<Phrases, kWeatherCount> en = {{
      {"clear sky", "clear weather", "under a clear sky"},
      {"cloudy sky", "overcast", "under grey clouds"},
      {"in the rain", "rainy", "heavy rain"},
      {"in thick fog", "foggy", "misty"},
      {"falling snow", "in the snow", "snowy"},
  }};
  static const std::array<Phrases, kWeatherCount> zh = {{
      {"晴朗", "天空晴朗"},
      {"多云", "阴天", "乌云密布"},
      {"下着雨", "雨中", "大雨"},
      {"大雾", "雾气弥漫", "薄雾笼罩"},
      {"下着雪", "雪中", "大雪纷飞"},
  }};
  return select(en, zh, int(w), l);
}

const Phrases& palettePhrases(Palette p, Language l) {
  static const std::array<Phrases, kPaletteCount> en = {{
      {"warm tones", "warm palette", "warm colours"},
      {"cool tones", "cool blue palette", "cold colours"},
      {"neon colours", "vivid neon palette", "neon pink and cyan"},
      {"muted colours", "muted palette", "soft desaturated tones"},
      {"monochrome", "black and white", "greyscale"},
  }};
  static const std::array<Phrases, kPaletteCount> zh = {{
      {"暖色调", "温暖的色彩"},
      {"冷色调", "清冷的蓝色调"},
      {"霓虹色调", "鲜艳的霓虹色"},
      {"低饱和色调", "柔和的色彩"},
      {"黑白色调", "单色画面"},
  }};
  return select(en, zh, int(p), l);
}

const Phrases& posePhrases(Pose p, Language l) {
  static const std::array<Phrases, kPoseCount> en = {{
      {"standing", "standing still", "waiting"},
      {"walking", "strolling", "walking along"},
      {"running", "sprinting", "running fast"},
      {"with arms raised", "raising both arms", "arms up"},
      {"sitting", "seated", "sitting down"},
      {"turning around", "turning", "looking back over a shoulder"},
  }};
  static const std::array<Phrases, kPoseCount> zh = {{
      {"站着", "静静地站着", "站立"},
      {"在行走", "走着", "漫步"},
      {"在奔跑", "奔跑着", "飞奔"},
      {"举起双手", "双臂高举", "张开双臂"},
      {"坐着", "坐在那里"},
      {"转身", "回头张望", "转过身来"},
  }};
  return select(en, zh, int(p), l);
}

}  // namespace shotcraft::scenes
