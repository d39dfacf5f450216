// The learned attribute probe as core runs it (OpenCV dnn): its folder format and the checks on a broken one, and
// eval's probe suite reading the four attributes through it. The torch side (training, the batch-norm fold, the
// two runtimes agreeing) is tested in tests/torch/test_train.cpp.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <set>
#include <opencv2/imgproc.hpp>

#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeNet.h"
#include "core/eval/ProbeSuite.h"

using namespace shotcraft;

namespace {

// A width-2 network whose convolutions are zero: every frame gives the same logits (the head biases) and the
// same figure mass (the density bias times the 32 x 18 map).
eval::ProbeNetWeights constantNet(const eval::AttributeValues& answer) {
  eval::ProbeNetWeights w;
  w.config = eval::ProbeNetConfig::standard(2);
  for (const auto& b : w.config.blocks) {
    w.conv_w.push_back(cv::Mat::zeros(b[1], b[0] * 9, CV_32F));
    w.conv_b.push_back(cv::Mat::zeros(1, b[1], CV_32F));
  }
  w.density_w = cv::Mat::zeros(1, w.config.blocks[size_t(w.config.density_block)][1], CV_32F);
  const int figures = answer[size_t(eval::Attribute::FigureCount)];
  w.density_b = cv::Mat(1, 1, CV_32F, cv::Scalar(float(figures) / (32.0f * 18.0f)));
  w.head_w = cv::Mat::zeros(w.config.headOutputs(), w.config.headInputs(), CV_32F);
  w.head_b = cv::Mat::zeros(1, w.config.headOutputs(), CV_32F);
  for (int a = 0; a < eval::kAttributeCount; ++a) {
    const eval::Attribute attr = eval::kAttributes[size_t(a)];
    if (attr != eval::Attribute::FigureCount) w.head_b.at<float>(0, w.config.headOffset(attr) + answer[size_t(a)]) = 5;
  }
  return w;
}

}  // namespace

TEST(ProbeNet, SavedFolderLoadsAndReadsWhatItHolds) {
  QTemporaryDir dir;
  const eval::AttributeValues answer = {2, 5, 3, 1};
  std::string error;
  ASSERT_TRUE(constantNet(answer).save(dir.path().toStdString(), &error)) << error;
  eval::ProbeNet net;
  ASSERT_TRUE(net.load(dir.path().toStdString(), &error)) << error;
  const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(3), eval::kProbeWidth, eval::kProbeHeight);
  EXPECT_EQ(net.predict(s.rgb), answer);
  // Any frame size is read at the probe size.
  cv::Mat big;
  cv::resize(s.rgb, big, {512, 288});
  EXPECT_EQ(net.predict(std::vector<cv::Mat>{s.rgb, big}), (std::vector<eval::AttributeValues>{answer, answer}));
  EXPECT_NEAR(net.run({s.rgb}).front().figure_mass, 3.0, 1e-4);
}

TEST(ProbeNet, BrokenFoldersAreRefusedWithOneLine) {
  QTemporaryDir dir;
  const std::string d = dir.path().toStdString();
  std::string error;
  eval::ProbeNet net;
  ASSERT_TRUE(constantNet({0, 0, 0, 0}).save(d + "/good", &error)) << error;
  ASSERT_TRUE(net.load(d + "/good", &error)) << error;
  EXPECT_FALSE(net.load(d + "/missing", &error));
  EXPECT_FALSE(net.loaded()) << "a failed load leaves no network behind";
  EXPECT_NE(error.find("cannot read " + d + "/missing/config.json"), std::string::npos) << error;

  ASSERT_TRUE(constantNet({0, 0, 0, 0}).save(d, &error)) << error;
  const auto rewrite = [&](const char* name, const QByteArray& text) {
    QFile f(dir.filePath(QString::fromLatin1(name)));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
  };
  QFile config(dir.filePath(QStringLiteral("config.json")));
  ASSERT_TRUE(config.open(QIODevice::ReadOnly));
  const QByteArray good = config.readAll();
  config.close();

  rewrite("config.json", "{ not json");
  EXPECT_FALSE(net.load(d, &error));
  EXPECT_NE(error.find("is not a JSON object"), std::string::npos) << error;
  rewrite("config.json", QByteArray(good).replace("\"palette\": 5", "\"palette\": 6"));
  EXPECT_FALSE(net.load(d, &error));
  EXPECT_NE(error.find("palette must have 5 classes"), std::string::npos) << error;
  rewrite("config.json", QByteArray(good).replace("\"density_block\": 4", "\"density_block\": 2"));
  EXPECT_FALSE(net.load(d, &error));
  EXPECT_NE(error.find("stride 8"), std::string::npos) << error;

  // Weights that do not fit the config, and a weights file that is not one.
  rewrite("config.json", good);
  eval::ProbeNetWeights wrong = constantNet({0, 0, 0, 0});
  wrong.head_w = cv::Mat::zeros(3, 3, CV_32F);
  QTemporaryDir other;
  ASSERT_TRUE(wrong.save(other.path().toStdString(), &error)) << error;
  ASSERT_TRUE(QFile::remove(dir.filePath(QStringLiteral("weights.yml.gz"))));
  ASSERT_TRUE(QFile::copy(other.filePath(QStringLiteral("weights.yml.gz")), dir.filePath(QStringLiteral("weights.yml.gz"))));
  EXPECT_FALSE(net.load(d, &error));
  EXPECT_NE(error.find("head_w is missing, not 21x32 float32, or not finite"), std::string::npos) << error;
  // A matrix that declares a huge shape is refused before it is allocated (zlib reads an uncompressed file too).
  rewrite("weights.yml.gz",
          "%YAML:1.0\n---\nconv0_w: !!opencv-matrix\n   rows: 2000000\n   cols: 2000000\n   dt: f\n   data: [ 0. ]\n");
  EXPECT_FALSE(net.load(d, &error));
  EXPECT_NE(error.find("conv0_w is missing, not 2x27 float32, or not finite"), std::string::npos) << error;
  rewrite("weights.yml.gz", "garbage that is not gzip");
  EXPECT_FALSE(net.load(d, &error));
  EXPECT_NE(error.find("weights.yml.gz"), std::string::npos) << error;
  EXPECT_FALSE(net.loaded());
}

// With a learned probe the suite's time, scene and palette forests read the network's features, and its
// calibration says which reader it used. A network with zero convolutions gives every frame the same features,
// so those three readings cannot vary from frame to frame; the number of figures, read by the figure probe,
// still does.
TEST(ProbeNet, ProbeSuiteReadsAttributesThroughItsFeatures) {
  QTemporaryDir dir;
  std::string error;
  ASSERT_TRUE(constantNet({1, 2, 1, 0}).save(dir.path().toStdString(), &error)) << error;
  auto net = std::make_shared<eval::ProbeNet>();
  ASSERT_TRUE(net->load(dir.path().toStdString(), &error)) << error;
  eval::ProbeSuiteOptions o;
  o.fit_frames = 60;
  o.calibration_frames = 20;
  o.net = net;
  eval::ProbeSuite p;
  ASSERT_TRUE(p.fit(o, &error)) << error;
  EXPECT_EQ(p.calibration().attribute_reader, "learned probe (" + dir.path().toStdString() + ")");
  EXPECT_EQ(p.attributes().net(), net.get());
  eval::ProbeSuite forests;
  o.net = nullptr;
  ASSERT_TRUE(forests.fit(o, &error)) << error;
  EXPECT_EQ(forests.calibration().attribute_reader, "forests");

  std::set<int> scenesRead, scenesReadByForests, figuresRead;
  eval::AttributeValues first{};
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    const scenes::SceneSample s = scenes::renderScene(scenes::sampleScene(seed), eval::kProbeWidth, eval::kProbeHeight);
    const eval::AttributeValues v = p.attributes().predict(s.rgb);
    if (seed == 1) first = v;
    for (eval::Attribute a : {eval::Attribute::TimeOfDay, eval::Attribute::SceneType, eval::Attribute::Palette})
      EXPECT_EQ(v[size_t(a)], first[size_t(a)]) << eval::attributeKey(a) << ", seed " << seed;
    scenesRead.insert(v[size_t(eval::Attribute::SceneType)]);
    scenesReadByForests.insert(forests.attributes().predict(s.rgb)[size_t(eval::Attribute::SceneType)]);
    figuresRead.insert(v[size_t(eval::Attribute::FigureCount)]);
    // predict() hands the figure probe the density map of its own forward; the map is the one a rerun gives.
    const eval::FigureProbe& figures = p.attributes().figures();
    EXPECT_EQ(cv::norm(figures.presence(s.rgb), figures.presence(s.rgb, net->run({s.rgb}).front().density),
                       cv::NORM_INF),
              0.0);
  }
  EXPECT_EQ(scenesRead.size(), 1u);
  EXPECT_GT(scenesReadByForests.size(), 1u) << "the frame's own features tell scenes apart";
  EXPECT_GT(figuresRead.size(), 1u) << "figures are counted by the figure probe, not the network";
}
