// EvalRunner and its report against a fake engine that knows the answers: for a held-out prompt it returns
// the generator's own frame, blurred when no control is given and sharpened towards the exact frame as the
// control weight rises. The metrics must see that: perfect edges at weight 1, a rising trend, and attribute
// adherence close to what the probes read on real frames.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <map>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/eval/ContactSheet.h"
#include "core/eval/EvalReport.h"
#include "core/eval/EvalRunner.h"
#include "core/eval/ProbeFeatures.h"
#include "core/render/MatImage.h"
#include "core/scenes/DatasetWriter.h"

using namespace shotcraft;

namespace {

class KnowingEngine : public engine::IEngine {
 public:
  explicit KnowingEngine(const std::vector<uint64_t>& seeds) {
    for (uint64_t seed : seeds) {
      const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(seed), eval::kProbeWidth,
                                                        eval::kProbeHeight, scenes::phrasingSeed(seed));
      m_frames[s.prompt_en] = s.rgb;
      m_frames[s.prompt_zh] = s.rgb;
    }
  }
  engine::EngineInfo info() const override {
    engine::EngineInfo i;
    i.model_name = "knowing-fake";
    return i;
  }
  engine::GenerationResult generate(const engine::GenerationRequest& request, const engine::ProgressCallback&,
                                    const engine::CancelToken&) override {
    engine::GenerationResult r;
    ++calls;
    const auto it = m_frames.find(request.prompt);
    if (it == m_frames.end()) {
      r.error = "unknown prompt";
      return r;
    }
    const float weight = request.controls.empty() ? 0.0f : request.controls.front().weight;
    cv::Mat blurred, out;
    cv::GaussianBlur(it->second, blurred, {0, 0}, 4.0);
    cv::addWeighted(it->second, weight, blurred, 1.0 - weight, 0.0, out);
    r.image = render::fromMat(out);
    r.ok = true;
    return r;
  }
  int calls = 0;

 private:
  std::map<std::string, cv::Mat> m_frames;
};

}  // namespace

TEST(EvalRunner, AnEngineThatFollowsTheControlsScoresLikeIt) {
  eval::ProbeSuite probes;
  eval::ProbeSuiteOptions po;
  po.fit_frames = 120;
  po.calibration_frames = 40;
  std::string error;
  ASSERT_TRUE(probes.fit(po, &error)) << error;

  eval::EvalOptions o;
  o.count = 6;
  o.control_count = 4;
  o.seed = 3;
  KnowingEngine engine(eval::holdoutSeeds(o.seed, o.count));
  eval::EvalRunner runner(o, probes);
  eval::EvalResults results;
  std::vector<std::string> lines;
  ASSERT_TRUE(runner.run(
      engine, [&](const std::string& l) { lines.push_back(l); }, &results, &error))
      << error;
  ASSERT_EQ(results.samples.size(), 6u);
  // 6 text-only frames, then 2 weights x 3 kinds for 4 prompts (pose only where there are figures).
  int withFigures = 0;
  for (int i = 0; i < 4; ++i) withFigures += results.samples[size_t(i)].figures > 0;
  EXPECT_EQ(engine.calls, 6 + 4 * 2 * 2 + withFigures * 2);
  EXPECT_FALSE(lines.empty());
  for (size_t i = 0; i < results.samples.size(); ++i) {
    EXPECT_EQ(results.samples[i].chinese, i % 2 == 1);
    EXPECT_FALSE(results.samples[i].frame.empty());
  }

  const eval::EvalSummary s = eval::summarize(results, probes.calibration());
  const auto& edge = s.controls[1];
  ASSERT_TRUE(edge.measured);
  EXPECT_DOUBLE_EQ(edge.by_weight[2], 1.0);  // the exact frame has exactly the control's edges
  EXPECT_LT(edge.by_weight[0], 0.5);
  EXPECT_LT(edge.by_weight[0], edge.by_weight[1]);
  EXPECT_EQ(edge.samples, 4);
  const auto& depth = s.controls[0];
  ASSERT_TRUE(depth.measured);
  EXPECT_GT(depth.by_weight[2], 0.8);
  // Beyond the row-only prior: the exact frame keeps most of it, the blurred text-only frame less.
  ASSERT_EQ(s.depth_residual_by_weight.size(), 3u);
  EXPECT_GT(s.depth_residual_by_weight[2], 0.5);
  EXPECT_GT(s.depth_residual_by_weight[2], s.depth_residual_by_weight[0]);
  if (withFigures > 0) {
    ASSERT_TRUE(s.controls[2].measured);
    EXPECT_LT(s.controls[2].by_weight[2], probes.calibration().pose_baseline_error);
  }
  EXPECT_GE(s.attribute_adherence, 0.4);

  const std::vector<std::string> summary = eval::summaryLines(results, s, probes.calibration());
  ASSERT_EQ(summary.size(), 8u);
  EXPECT_EQ(summary[0].rfind("attribute adherence: ", 0), 0u) << summary[0];
  EXPECT_EQ(summary[5].rfind("edge F1: 1.000 at weight 1 (weight 0: ", 0), 0u) << summary[5];
  EXPECT_EQ(summary[6].rfind("depth correlation: ", 0), 0u) << summary[6];
  EXPECT_EQ(summary[7].rfind("pose keypoint error: ", 0), 0u) << summary[7];

  QTemporaryDir tmp;
  const std::string json = tmp.filePath(QStringLiteral("metrics.json")).toStdString();
  ASSERT_TRUE(eval::writeMetricsJson(json, results, s, probes.calibration(), &error)) << error;
  QFile f(QString::fromStdString(json));
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
  EXPECT_DOUBLE_EQ(m.value(QStringLiteral("edge_f1")).toObject().value(QStringLiteral("at_max_weight")).toDouble(),
                   1.0);
  EXPECT_NEAR(m.value(QStringLiteral("attribute_adherence")).toDouble(), s.attribute_adherence, 1e-12);
  // Each attribute's confusion tables: the model's over the prompts that name it, the probe's over its real
  // calibration frames; their diagonals are the adherence and the probe's accuracy.
  const QJsonObject attrs = m.value(QStringLiteral("attributes")).toObject();
  for (int a = 0; a < eval::kAttributeCount; ++a) {
    const QJsonObject attr = attrs.value(QLatin1String(eval::attributeKey(eval::kAttributes[size_t(a)]))).toObject();
    const int classes = eval::attributeClassCount(eval::kAttributes[size_t(a)]);
    ASSERT_EQ(attr.value(QStringLiteral("classes")).toArray().size(), classes);
    const auto totals = [&](const char* key, int* all, int* diagonal) {
      const QJsonArray rows = attr.value(QLatin1String(key)).toArray();
      ASSERT_EQ(rows.size(), classes) << key;
      *all = *diagonal = 0;
      for (int t = 0; t < classes; ++t) {
        const QJsonArray row = rows[t].toArray();
        ASSERT_EQ(row.size(), classes) << key;
        for (int r = 0; r < classes; ++r) *all += row[r].toInt();
        *diagonal += row[t].toInt();
      }
    };
    int all = 0, diagonal = 0;
    totals("confusion", &all, &diagonal);
    EXPECT_EQ(all, s.judged[size_t(a)]);
    EXPECT_NEAR(double(diagonal) / std::max(1, all), s.adherence[size_t(a)], 1e-12);
    totals("probe_real_confusion", &all, &diagonal);
    EXPECT_EQ(all, probes.calibration().calibration_frames);
    EXPECT_NEAR(double(diagonal) / all, probes.calibration().accuracy[size_t(a)], 1e-12);
    EXPECT_TRUE(attr.value(QStringLiteral("probe_autoencoded_confusion")).isNull());  // no round trip here
  }

  const std::string png = tmp.filePath(QStringLiteral("sheet.png")).toStdString();
  ASSERT_TRUE(eval::writeContactSheet(png, results, "test sheet", &error)) << error;
  const cv::Mat sheet = cv::imread(png);
  ASSERT_FALSE(sheet.empty());
  EXPECT_GE(sheet.cols, 4 * eval::kProbeWidth);
  EXPECT_GE(sheet.rows, 2 * eval::kProbeHeight + 4 * eval::kProbeHeight);  // 2 frame rows + 4 canny sweep rows
}

TEST(EvalRunner, AnEngineFailureStopsWithThePrompt) {
  eval::ProbeSuite probes;
  eval::ProbeSuiteOptions po;
  po.fit_frames = 40;
  po.calibration_frames = 20;
  std::string error;
  ASSERT_TRUE(probes.fit(po, &error)) << error;
  eval::EvalOptions o;
  o.count = 2;
  KnowingEngine engine({});  // knows no prompt
  eval::EvalResults results;
  EXPECT_FALSE(eval::EvalRunner(o, probes).run(
      engine, [](const std::string&) {}, &results, &error));
  EXPECT_NE(error.find("prompt 0: unknown prompt"), std::string::npos) << error;
}

TEST(EvalRunner, ControlNetsAreFoundLikeTheEngineFindsThem) {
  QTemporaryDir tmp;
  ASSERT_TRUE(QDir().mkpath(tmp.filePath(QStringLiteral("controlnet-canny"))));
  ASSERT_TRUE(QDir().mkpath(tmp.filePath(QStringLiteral("controlnet/pose"))));
  for (const char* p : {"controlnet-canny/config.json", "controlnet/pose/config.json"}) {
    QFile f(tmp.filePath(QLatin1String(p)));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  }
  const auto found = eval::controlNetsIn(tmp.path().toStdString());
  EXPECT_FALSE(found[0]);
  EXPECT_TRUE(found[1]);
  EXPECT_TRUE(found[2]);
}

TEST(EvalReport, APromptIsJudgedOnlyOnTheAttributesItNames) {
  // Of held-out prompts, every one names its time of day, scene type and number of figures; some leave the
  // palette out, and a prompt never names a value its scene does not have.
  int paletteNamed = 0, paletteLeftOut = 0;
  for (uint64_t seed : eval::holdoutSeeds(0, 120)) {
    const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(seed), 64, 36, scenes::phrasingSeed(seed));
    for (auto [prompt, language] :
         {std::pair{s.prompt_en, scenes::Language::English}, std::pair{s.prompt_zh, scenes::Language::Chinese}}) {
      for (eval::Attribute a : eval::kAttributes) {
        const int truth = eval::attributeOf(s.spec, a);
        if (a != eval::Attribute::Palette) EXPECT_TRUE(eval::promptNames(prompt, a, truth, language)) << prompt;
        for (int other = 0; other < eval::attributeClassCount(a); ++other)
          if (other != truth) EXPECT_FALSE(eval::promptNames(prompt, a, other, language)) << prompt;
      }
      (eval::promptNames(prompt, eval::Attribute::Palette, int(s.spec.palette), language) ? paletteNamed
                                                                                          : paletteLeftOut)++;
    }
  }
  EXPECT_GT(paletteNamed, 120);
  EXPECT_GT(paletteLeftOut, 20);

  // Two prompts: the first names everything and is read right but for its figures; the second leaves its
  // palette out, and the palette read is wrong.
  eval::EvalResults results;
  results.samples.resize(2);
  results.samples[1].chinese = true;
  for (auto& r : results.samples) {
    r.truth = {1, 2, 1, 3};
    r.read = r.truth;
    r.named = {true, true, true, true};
  }
  results.samples[0].read[2] = 0;
  results.samples[1].read[3] = 0;
  results.samples[1].named[3] = false;
  const eval::EvalSummary s = eval::summarize(results, eval::ProbeCalibration{});
  EXPECT_EQ(s.judged, (std::array<int, eval::kAttributeCount>{2, 2, 2, 1}));
  EXPECT_DOUBLE_EQ(s.adherence[2], 0.5);
  EXPECT_DOUBLE_EQ(s.adherence[3], 1.0);  // the wrong palette was not asked for
  EXPECT_DOUBLE_EQ(s.attribute_adherence, (1.0 + 1.0 + 0.5 + 1.0) / 4);
  EXPECT_DOUBLE_EQ(s.adherence_en, 0.75);
  EXPECT_DOUBLE_EQ(s.adherence_zh, 1.0);
  const std::vector<std::string> lines = eval::summaryLines(results, s, eval::ProbeCalibration{});
  ASSERT_GE(lines.size(), 5u);
  EXPECT_NE(lines[4].find("; 1 of the prompts name it)"), std::string::npos) << lines[4];
  EXPECT_EQ(lines[3].find("name it"), std::string::npos) << lines[3];
}
