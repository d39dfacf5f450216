#include "core/scenes/DatasetWriter.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/scenes/Rng.h"

namespace shotcraft::scenes {

namespace {

constexpr int kBuckets = 10000;

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;  // UTF-8 passes through
    }
  }
  return out + "\"";
}

std::string num(double v, int decimals = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

bool writeText(const QString& path, const std::string& text, std::string* error) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text.data(), qint64(text.size())) != qint64(text.size())) {
    if (error) *error = "cannot write '" + path.toStdString() + "': " + f.errorString().toStdString();
    return false;
  }
  return true;
}

std::string metadataJson(const DatasetOptions& o) {
  std::string j = "{\n";
  j += "  \"generator\": \"shotcraft-scenes\",\n  \"format_version\": 1,\n";
  j += "  \"count\": " + std::to_string(o.count) + ",\n  \"seed\": " + quoted(std::to_string(o.seed)) + ",\n";
  j += "  \"width\": " + std::to_string(o.width) + ",\n  \"height\": " + std::to_string(o.height) + ",\n";
  j += "  \"holdout_fraction\": " + num(o.holdout_fraction, 4) + ",\n";
  j += "  \"holdout_rule\": \"mixSeed(scene_seed XOR 0x484F4C444F5554) mod 10000 < "
       "round(holdout_fraction * 10000); mixSeed = SplitMix64 step (see core/scenes/Rng.h)\",\n";
  j += "  \"rgb\": \"RGB PNG\",\n";
  j += "  \"depth\": \"8-bit grey, near = bright: sky 0, ground plane linear in y up to 255 at the bottom row\",\n";
  j += "  \"canny\": \"cv::Canny of the rendered rgb frame, thresholds " + num(kCannyLow, 0) + "/" +
       num(kCannyHigh, 0) + "\",\n";
  j += "  \"pose\": \"OpenPose COCO-18 limbs and keypoints on black\",\n";
  j += "  \"keypoint_order\": [\"nose\", \"neck\", \"r_shoulder\", \"r_elbow\", \"r_wrist\", \"l_shoulder\", "
       "\"l_elbow\", \"l_wrist\", \"r_hip\", \"r_knee\", \"r_ankle\", \"l_hip\", \"l_knee\", \"l_ankle\", "
       "\"r_eye\", \"l_eye\", \"r_ear\", \"l_ear\"]\n}\n";
  return j;
}

}  // namespace

uint64_t sampleSeed(uint64_t base_seed, int index) {
  return mixSeed(mixSeed(base_seed) + uint64_t(index)) & ((uint64_t(1) << 53) - 1);
}

uint64_t phrasingSeed(uint64_t scene_seed) { return mixSeed(scene_seed ^ 0x50524F4D5054ull); }

bool isHoldout(uint64_t scene_seed, double fraction) {
  const auto limit = uint64_t(std::lround(std::clamp(fraction, 0.0, 1.0) * kBuckets));
  return mixSeed(scene_seed ^ 0x484F4C444F5554ull) % kBuckets < limit;
}

std::string sampleJsonLine(const SceneSample& s, const std::string& id, const std::string& split) {
  const SceneSpec& p = s.spec;
  std::string j = "{\"id\":" + quoted(id) + ",\"split\":" + quoted(split) + ",\"seed\":" + std::to_string(p.seed);
  j += ",\"width\":" + std::to_string(s.rgb.cols) + ",\"height\":" + std::to_string(s.rgb.rows);
  for (const char* kind : {"rgb", "depth", "canny", "pose"}) {
    j += ",\"" + std::string(kind) + "\":" + quoted(id + "_" + kind + ".png");
  }
  j += ",\"prompt_en\":" + quoted(s.prompt_en) + ",\"prompt_zh\":" + quoted(s.prompt_zh);
  j += ",\"time_of_day\":" + quoted(timeOfDayName(p.time)) + ",\"weather\":" + quoted(weatherName(p.weather));
  j += ",\"scene_type\":" + quoted(sceneTypeName(p.type)) + ",\"palette\":" + quoted(paletteName(p.palette));
  j += ",\"camera\":" + quoted(cameraHeightName(p.camera)) + ",\"horizon\":" + num(p.horizon_frac, 4);
  j += ",\"figure_count\":" + std::to_string(p.figures.size()) + ",\"figures\":[";
  for (size_t i = 0; i < p.figures.size(); ++i) {
    const FigureSpec& f = p.figures[i];
    if (i) j += ",";
    j += "{\"pose\":" + quoted(poseName(f.pose)) + ",\"yaw_deg\":" + num(f.yaw_deg, 1) +
         ",\"x\":" + num(f.x_frac, 4) + ",\"foot_y\":" + num(f.foot_y_frac, 4) + ",\"height\":" + num(f.height_frac, 4) +
         ",\"keypoints\":[";
    for (int k = 0; k < kKeypointCount; ++k) {
      if (k) j += ",";
      const cv::Point2f q = i < s.keypoints.size() ? s.keypoints[i][size_t(k)] : cv::Point2f(NAN, NAN);
      if (std::isnan(q.x)) {
        j += "null";
      } else {
        j += '[';
        j += num(q.x);
        j += ',';
        j += num(q.y);
        j += ']';
      }
    }
    j += "]}";
  }
  return j + "]}";
}

bool writeSampleImages(const SceneSample& s, const std::string& dir, const std::string& id, std::string* error) {
  // No explicit level: OpenCV then uses its speed-tuned settings (zlib level 1, SUB filter), several times
  // faster than an explicit level (adaptive filters); run-length matching suits flat-shaded frames.
  const std::vector<int> params = {cv::IMWRITE_PNG_STRATEGY, cv::IMWRITE_PNG_STRATEGY_RLE};
  cv::Mat bgr;
  const std::pair<const char*, const cv::Mat*> maps[] = {
      {"rgb", &s.rgb}, {"depth", &s.depth}, {"canny", &s.canny}, {"pose", &s.pose}};
  for (const auto& [kind, mat] : maps) {
    const std::string path = dir + "/" + id + "_" + kind + ".png";
    bool ok = false;
    try {
      if (mat->channels() == 3) {
        cv::cvtColor(*mat, bgr, cv::COLOR_RGB2BGR);
        ok = cv::imwrite(path, bgr, params);
      } else {
        ok = cv::imwrite(path, *mat, params);
      }
    } catch (const cv::Exception& e) {
      if (error) *error = "cannot write '" + path + "': " + e.msg;
      return false;
    }
    if (!ok) {
      if (error) *error = "cannot write '" + path + "'";
      return false;
    }
  }
  return true;
}

bool writeDataset(const DatasetOptions& o, const std::function<void(int, int)>& progress, DatasetSummary* summary,
                  std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (o.out_dir.empty()) return fail("no output directory given");
  if (o.count <= 0) return fail("count must be positive (got " + std::to_string(o.count) + ")");
  if (o.width < kMinSide || o.height < kMinSide || o.width > kMaxSide || o.height > kMaxSide) {
    return fail("size " + std::to_string(o.width) + "x" + std::to_string(o.height) + " is outside " +
                std::to_string(kMinSide) + ".." + std::to_string(kMaxSide));
  }
  if (!(o.holdout_fraction >= 0.0 && o.holdout_fraction <= 1.0)) return fail("holdout fraction must be in [0, 1]");
  const QString root = QString::fromStdString(o.out_dir);
  const QString dirs[2] = {root + "/train", root + "/holdout"};
  for (const QString& d : dirs) {
    if (!QDir().mkpath(d)) return fail("cannot create directory '" + d.toStdString() + "'");
  }
  if (!writeText(root + "/dataset.json", metadataJson(o), error)) return false;
  QFile jsonl[2] = {QFile(dirs[0] + "/samples.jsonl"), QFile(dirs[1] + "/samples.jsonl")};
  for (QFile& f : jsonl) {
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
      return fail("cannot write '" + f.fileName().toStdString() + "': " + f.errorString().toStdString());
    }
  }
  DatasetSummary sum;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < o.count; ++i) {
    const uint64_t seed = sampleSeed(o.seed, i);
    const int split = isHoldout(seed, o.holdout_fraction) ? 1 : 0;
    const SceneSample s = renderScene(sampleScene(seed), o.width, o.height, phrasingSeed(seed));
    char id[16];
    std::snprintf(id, sizeof id, "%06d", i);
    if (!writeSampleImages(s, dirs[split].toStdString(), id, error)) return false;
    const std::string line = sampleJsonLine(s, id, split ? "holdout" : "train") + "\n";
    if (jsonl[split].write(line.data(), qint64(line.size())) != qint64(line.size())) {
      return fail("cannot write '" + jsonl[split].fileName().toStdString() + "': " +
                  jsonl[split].errorString().toStdString());
    }
    (split ? sum.holdout : sum.train) += 1;
    if (progress) progress(i + 1, o.count);
  }
  for (QFile& f : jsonl) {
    if (!f.flush()) return fail("cannot write '" + f.fileName().toStdString() + "': " + f.errorString().toStdString());
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (summary) *summary = sum;
  return true;
}

}  // namespace shotcraft::scenes
